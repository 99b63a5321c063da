import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { runNectr, tempDir, type NectrRun } from "../harness/run-nectr.js";

export const TOKEN = "gho_review_token_for_tests";
/** Looks like an AWS access key id (AKIA + 16), made up for the tests. */
export const AWS_KEY = "AKIAQ3EGRV6Z7PWJ4XKM";

export const CONFIG_SOURCE = `export const region = "us-east-1";\nexport const accessKeyId = "${AWS_KEY}";\nconsole.log(accessKeyId);\nexport const retries = 3;\n`;

/** A simulator where octocat (the token's user) owns octocat/app and opened PR #1 adding src/config.ts. */
export async function startReviewWorld(): Promise<{ sim: GitHubSimulator; home: string }> {
  const sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: TOKEN });
  sim.state.addRepo({
    owner: "octocat",
    name: "app",
    files: { "README.md": "# app\n", "src/index.ts": "export {};\n" },
  });
  sim.state.openPullRequest({
    repo: "octocat/app",
    author: "octocat",
    title: "Add AWS config",
    body: "Adds the config.",
    changes: { "src/config.ts": CONFIG_SOURCE },
  });
  return { sim, home: tempDir() };
}

export function nectrAgainst(sim: GitHubSimulator, home: string, llm?: LlmFake) {
  const env: Record<string, string> = { NECTR_GITHUB_API_URL: sim.url, GH_TOKEN: TOKEN };
  if (llm) Object.assign(env, { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: "sk-test" });
  return (args: string[], extraEnv: Record<string, string> = {}): Promise<NectrRun> =>
    runNectr(args, { home, env: { ...env, ...extraEnv }, timeoutMs: 60_000 });
}
