import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake, type RecordedChat } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullCommentDelivery, pullRequestDelivery } from "../harness/webhook-examples.js";
import { waitUntil } from "../harness/wait-until.js";

// Nothing caps what strangers' PRs make nectr spend but the daily budget of each repository:
// once it is spent, that repository's reviews are built-in checks only and say so, while
// another repository's go on with the LLM.

const TOKEN = "gho_spend_owner_token";
let sim: GitHubSimulator;
let llm: LlmFake;
let home: string;
let daemon: DaemonProcess;

const schemaOf = (chat: RecordedChat) => JSON.stringify(chat.responseFormat ?? {}).match(/"name":"(\w+)"/)?.[1];
const env = () => ({ NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url, NECTR_LLM_DAILY_TOKENS: "3000" });

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addUser("monalisa");
  for (const name of ["app", "other"])
    sim.state.addRepo({ owner: "octocat", name, collaborators: { monalisa: "write" } });
  llm = await LlmFake.start();
  llm.fallback = (chat) =>
    schemaOf(chat) === "learnings"
      ? { json: { learnings: [] } }
      : schemaOf(chat) === "answer"
        ? { json: { answer: "Because." } }
        : { json: { summary: "Reviewed by the model.", keyChanges: [], verdict: "comment", findings: [] } };
  home = tempDir();
  writeFileSync(path.join(home, "config.json"), JSON.stringify({ commandsPerAuthorPerDay: 2 }), { mode: 0o600 });
  daemon = await startDaemonProcess({ home, env: env() });
  for (const repo of ["octocat/app", "octocat/other"]) {
    const connected = await runNectr(["connect", repo, "--url", daemon.url], {
      home,
      env: { ...env(), GH_TOKEN: TOKEN },
    });
    expect(connected.code).toBe(0);
  }
});
afterEach(async () => {
  await daemon.stop();
  await sim.close();
  await llm.close();
});
afterAll(removeTempDirs);

function query<T>(sql: string): T[] {
  const db = openDatabase(path.join(home, "nectr.db"));
  const rows = db.prepare<[], T>(sql).all();
  db.close();
  return rows;
}
const settled = () =>
  query<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE status IN ('queued', 'running')")[0]?.n === 0;

async function review(repo: string, index: number): Promise<string> {
  const pull = sim.state.openPullRequest({
    repo,
    author: "stranger",
    title: `Change ${index}`,
    changes: { [`src/f${index}.ts`]: `export const value${index} = ${index};\n` },
  });
  await sim.deliverWebhook(
    repo,
    "pull_request",
    pullRequestDelivery("opened", { repo, number: pull.number, headSha: pull.headSha }),
  );
  await waitUntil(
    () => settled() && sim.state.repo(repo).issueComments.some((comment) => comment.issueNumber === pull.number),
    { what: `the review of ${repo}#${pull.number}`, context: () => daemon.logs() },
  );
  return sim.state.repo(repo).issueComments.find((comment) => comment.issueNumber === pull.number)?.body ?? "";
}

describe("nectr serve: NECTR_LLM_DAILY_TOKENS", () => {
  it("reviews a repository with built-in checks only once its day's budget is spent, and another repository still with the LLM", async () => {
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
    await waitUntil(() => settled() && sim.state.repo("octocat/app").issueComments.length > comments, {
      what: "the answer or the refusal",
      context: () => daemon.logs(),
    });

    expect(await review("octocat/other", 1)).toContain("Reviewed by the model.");
    const spent = query<{ repo: string; tokens: number }>("SELECT repo, tokens FROM llm_spend");
    expect(spent.find((entry) => entry.repo === "octocat/app")?.tokens).toBeLessThanOrEqual(3000);

    const doctor = await runNectr(["doctor", "--json"], { home, env: env() });
    const spend = JSON.parse(doctor.stdout).find((check: { name: string }) => check.name === "LLM spend today");
    expect(spend?.detail).toMatch(/octocat\/app [\d,]+, octocat\/other [\d,]+ \(limit 3,000 tokens per repository/);
    const page = await (await fetch(`${daemon.url}/`)).text();
    expect(page).toContain('<section id="spend">');
    expect(page).toMatch(/<td>octocat\/app<\/td>\s*<td class="number">[\d,]+<\/td>/);
  }, 120_000);

  it("gives one person's @nectr commands past commandsPerAuthorPerDay no LLM, and says why", async () => {
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
      await waitUntil(() => settled() && answers().length > count, {
        what: "the answer",
        context: () => daemon.logs(),
      });
    }
    expect(llm.chatsFor("answer")).toHaveLength(2);
    expect(answers().at(-1)?.body).toContain(
      "nectr cannot answer this one: @monalisa has given the 2 @nectr commands one person may give in octocat/other today (UTC)",
    );
  }, 60_000);
});
