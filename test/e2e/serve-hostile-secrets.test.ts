import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaOf, startDaemonWorld, type DaemonWorld } from "../harness/daemon-world.js";
import { removeTempDirs } from "../harness/run-nectr.js";

// Secrets the built-in checks find never reach the LLM: not in the review, not in an answer to
// `@nectr ask`, not in the learnings. The findings still land inline on their lines, and a model
// that quotes the masked line is placed on it.

// Split so that this file holds no secret-shaped literal for a scanner (or nectr) to report.
const AWS_KEY_ID = "AKIA" + "Q3EGRV6Z7PWJ4XKN";
const AWS_SECRET = "N8Gmlz7u2CPtgVgTMN0kM+aZygYKGtZ0/KjOlWW" + "Q";
const GITHUB_TOKEN = "ghp" + "_bXjAuk5HbNA8YufCf9F5V9yQ81emJT1z1vWh";

let world: DaemonWorld;
beforeEach(async () => {
  world = await startDaemonWorld({ collaborators: { monalisa: "write" } });
  world.llm.fallback = (chat) => {
    const schema = schemaOf(chat);
    if (schema === "answer") return { json: { answer: "It is an AWS key id; move it to the environment." } };
    if (schema === "learnings") return { json: { learnings: [{ kind: "risk", text: "Keys get committed here." }] } };
    const finding = {
      path: "src/aws.ts",
      quote: 'export const accessKeyId = "AKIA****";',
      severity: "critical",
      title: "Credentials in code",
      body: "Load them from the environment.",
      suggestion: null,
    };
    return { json: { summary: "Adds credentials.", keyChanges: [], verdict: "request_changes", findings: [finding] } };
  };
});
afterEach(() => world.close());
afterAll(removeTempDirs);

describe("nectr serve: secrets in a pull request", () => {
  it("masks the AWS key pair and a GitHub token in every prompt, and still comments on their lines", async () => {
    const { sim, llm } = world;
    const { pull } = await world.openPull({
      repo: "octocat/app",
      author: "stranger",
      title: "Wire up S3",
      body: `Uses ${AWS_KEY_ID} for now.`,
      changes: {
        "src/aws.ts": `export const accessKeyId = "${AWS_KEY_ID}";\nexport const secretAccessKey = "${AWS_SECRET}";\n`,
        "config/ci.yml": `token: ${GITHUB_TOKEN}\n`,
      },
    });
    await world.summaryOf("octocat/app", pull.number);
    await world.comment(pull.number, "monalisa", "@nectr ask what is this key?");
    await world.until(() => world.settled() && llm.chatsFor("answer").length === 1, "the answer");

    expect(llm.chatsFor("review")).toHaveLength(1);
    expect(llm.chatsFor("learnings")).toHaveLength(1);
    const sent = JSON.stringify(llm.chats);
    for (const secret of [AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN]) expect(sent).not.toContain(secret);
    expect(JSON.stringify(llm.chatsFor("review"))).toContain('export const accessKeyId = \\"AKIA****\\";');

    const inline = sim.state
      .repo("octocat/app")
      .reviewComments.map((comment) => `${comment.path}:${comment.line} ${comment.body.split("\n")[0]}`)
      .sort();
    expect(inline).toEqual([
      expect.stringMatching(/^config\/ci\.yml:1 .*GitHub token added: `ghp_\*\*\*\*`/),
      expect.stringMatching(/^src\/aws\.ts:1 .*AWS access key id added: `AKIA\*\*\*\*`/),
      expect.stringMatching(/^src\/aws\.ts:1 .*Credentials in code/),
      expect.stringMatching(/^src\/aws\.ts:2 .*AWS secret access key added: `N8Gm\*\*\*\*`/),
    ]);
    const written = JSON.stringify(sim.requests.filter((request) => request.method !== "GET"));
    for (const secret of [AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN]) expect(written).not.toContain(secret);
  }, 60_000);
});
