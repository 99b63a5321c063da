import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";
import { pullCommentDelivery } from "../harness/webhook-examples.js";

// Nothing caps what strangers' PRs make nectr spend but the daily budget of each repository:
// once it is spent, that repository's reviews are built-in checks only and say so, while
// another repository's go on with the LLM.

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld({
    repos: ["app", "other"],
    collaborators: { monalisa: "write" },
    env: { NECTR_LLM_DAILY_TOKENS: "3000" },
    config: { commandsPerAuthorPerDay: 2 },
  });
});
afterEach(() => world.close());
afterAll(removeTempDirs);

async function review(repo: string, index: number): Promise<string> {
  const { pull } = await world.openPull({
    repo,
    author: "stranger",
    title: `Change ${index}`,
    changes: { [`src/f${index}.ts`]: `export const value${index} = ${index};\n` },
  });
  return world.summaryOf(repo, pull.number);
}

describe("nectr serve: NECTR_LLM_DAILY_TOKENS", () => {
  it("reviews a repository with built-in checks only once its day's budget is spent, and another repository still with the LLM", async () => {
    const { sim, llm } = world;
    let spentAt = 0;
    for (let index = 1; index <= 8 && spentAt === 0; index += 1) {
      const summary = await review("octocat/app", index);
      if (summary.includes("octocat/app has spent its LLM budget for today (3,000 tokens, UTC day)")) spentAt = index;
      else expect(summary).toContain("Reviewed by the model.");
    }
    expect(spentAt).toBeGreaterThan(1);

    const chats = llm.chats.length;
    const after = await review("octocat/app", 20);
    expect(after).toContain("octocat/app has spent its LLM budget for today");
    expect(after).toContain("built-in checks alone");
    expect(llm.chats.length).toBe(chats);

    // An @nectr ask is charged to the same budget: answered if it still fits, refused if not, never past it.
    const number = sim.state.repo("octocat/app").pulls.size;
    const comments = sim.state.repo("octocat/app").issueComments.length;
    await sim.deliverWebhook(
      "octocat/app",
      "issue_comment",
      pullCommentDelivery({ repo: "octocat/app", number, author: "monalisa", body: "@nectr ask why?" }),
    );
    await world.until(
      () => world.settled() && sim.state.repo("octocat/app").issueComments.length > comments,
      "the answer or the refusal",
    );

    expect(await review("octocat/other", 1)).toContain("Reviewed by the model.");
    const spent = world.rows<{ repo: string; tokens: number }>("SELECT repo, tokens FROM llm_spend");
    expect(spent.find((entry) => entry.repo === "octocat/app")?.tokens).toBeLessThanOrEqual(3000);

    const doctor = await runNectr(["doctor", "--json"], { home: world.home, env: world.env });
    const spend = JSON.parse(doctor.stdout).find((check: { name: string }) => check.name === "LLM spend today");
    expect(spend?.detail).toMatch(/octocat\/app [\d,]+, octocat\/other [\d,]+ \(limit 3,000 tokens per repository/);
    const page = await (await fetch(`${world.daemon.url}/`)).text();
    expect(page).toContain('<section id="spend">');
    expect(page).toMatch(/<td>octocat\/app<\/td>\s*<td class="number">[\d,]+<\/td>/);
  }, 120_000);

  it("gives one person's @nectr commands past commandsPerAuthorPerDay no LLM, and says why", async () => {
    const { sim, llm } = world;
    const pull = sim.state.openPullRequest({
      repo: "octocat/other",
      author: "monalisa",
      title: "Paging",
      changes: { "src/page.ts": "export const limit = 10;\n" },
    });
    const answers = () =>
      sim.state.repo("octocat/other").issueComments.filter((comment) => comment.issueNumber === pull.number);
    for (const question of ["why?", "and how?", "and when?"]) {
      const count = answers().length;
      await sim.deliverWebhook(
        "octocat/other",
        "issue_comment",
        pullCommentDelivery({
          repo: "octocat/other",
          number: pull.number,
          author: "monalisa",
          body: `@nectr ask ${question}`,
        }),
      );
      await world.until(() => world.settled() && answers().length > count, "the answer");
    }
    expect(llm.chatsFor("answer")).toHaveLength(2);
    expect(answers().at(-1)?.body).toContain(
      "nectr cannot answer this one: @monalisa has given the 2 @nectr commands one person may give in octocat/other today (UTC)",
    );
  }, 60_000);
});
