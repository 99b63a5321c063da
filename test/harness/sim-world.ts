import { afterEach, beforeEach } from "vitest";
import { githubApi } from "./github-api-client.js";
import { GitHubSimulator } from "./github-sim/server.js";
import { GitHubOpenApi } from "./openapi.js";

export const OWNER_TOKEN = "gho_owner_token_for_tests";
export const AUTHOR_TOKEN = "gho_author_token_for_tests";

/** Source before and after a small PR, with two separate hunks in src/app.ts. */
export const APP_BEFORE =
  Array.from({ length: 30 }, (_, index) => `const line${index + 1} = ${index + 1};`).join("\n") + "\n";
export const APP_AFTER = APP_BEFORE.replace("const line3 = 3;", "const line3 = 33;\nconsole.log(line3);").replace(
  "const line25 = 25;",
  "const line25 = 2525;",
);

/**
 * A simulator seeded with the world most tests need: `octocat` owns `octocat/hello`, and
 * `monalisa` (write access) has opened PR #1 changing, adding, deleting and renaming files.
 */
export async function startSeededSimulator(): Promise<GitHubSimulator> {
  const sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: OWNER_TOKEN });
  sim.state.addUser("monalisa", { token: AUTHOR_TOKEN, scopes: ["repo"] });
  sim.state.addRepo({
    owner: "octocat",
    name: "hello",
    collaborators: { monalisa: "write" },
    files: {
      "README.md": "# hello\n",
      "src/app.ts": APP_BEFORE,
      "src/old-name.ts": "export const kept = 1;\nexport const also = 2;\nexport const more = 3;\n",
      "docs/remove-me.md": "bye\n",
      "assets/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    },
  });
  sim.state.openPullRequest({
    repo: "octocat/hello",
    author: "monalisa",
    title: "Tune the numbers",
    body: "Changes a few constants.",
    changes: {
      "src/app.ts": APP_AFTER,
      "src/new-file.ts": "export const fresh = true;",
      "docs/remove-me.md": null,
      "src/old-name.ts": null,
      "src/new-name.ts": "export const kept = 1;\nexport const also = 2;\nexport const more = 4;\n",
      "assets/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 9, 9]),
    },
  });
  return sim;
}

export type GitHubApi = ReturnType<typeof githubApi>;

/** Registers a fresh seeded simulator per test; read `sim` and `api` inside the tests. */
export function useSeededSimulator(): {
  readonly sim: GitHubSimulator;
  readonly api: GitHubApi;
  readonly openapi: GitHubOpenApi;
} {
  const openapi = GitHubOpenApi.load();
  let current: { sim: GitHubSimulator; api: GitHubApi } | undefined;
  beforeEach(async () => {
    const sim = await startSeededSimulator();
    current = { sim, api: githubApi(sim.url, OWNER_TOKEN, openapi) };
  });
  afterEach(async () => current?.sim.close());
  const started = () => {
    if (!current) throw new Error("the simulator starts in beforeEach; use it inside a test");
    return current;
  };
  return {
    get sim() {
      return started().sim;
    },
    get api() {
      return started().api;
    },
    openapi,
  };
}
