// The GitHub simulator with a PR of N files to review: what review-requests.bench.ts and
// cost-growth.bench.ts both measure a review on.
import type { PullRequestRef } from "../src/github/refs.js";
import { GitHubSimulator } from "../test/harness/github-sim/server.js";
import { BENCH_TOKEN } from "./review-and-post.js";

const OWNER = "octocat";
const REPO = "bench";

/** The simulator with octocat, whose token the reviews use, and an empty octocat/bench. */
export async function startBenchSimulator(): Promise<GitHubSimulator> {
  const sim = await GitHubSimulator.start();
  sim.state.addUser(OWNER, { token: BENCH_TOKEN });
  sim.state.addRepo({ owner: OWNER, name: REPO });
  return sim;
}

/** A new PR on octocat/bench adding `size` files, each a 20-line TypeScript module. */
export function openPullOfSize(sim: GitHubSimulator, size: number): PullRequestRef {
  const changes = Object.fromEntries(
    Array.from({ length: size }, (_, index) => [
      `src/m${index}.ts`,
      Array.from({ length: 20 }, (__, line) => `export const v${line} = ${index * line};`).join("\n") + "\n",
    ]),
  );
  const pull = sim.state.openPullRequest({ repo: `${OWNER}/${REPO}`, author: OWNER, title: `${size} files`, changes });
  return { owner: OWNER, repo: REPO, number: pull.number };
}
