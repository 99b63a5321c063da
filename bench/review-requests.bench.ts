// GitHub requests one review makes, by PR size, counted by the GitHub simulator.
// Run: node --import ./bench/resolve-ts-imports.ts bench/review-requests.bench.ts
import { performance } from "node:perf_hooks";
import { createContextGatherer } from "../src/context/gather-context.js";
import { createOctokit } from "../src/github/create-octokit.js";
import { publishReview } from "../src/github/publish-review.js";
import { pullRequestSource } from "../src/github/pull-request-source.js";
import { runReview } from "../src/review/run-review.js";
import { GitHubSimulator } from "../test/harness/github-sim/server.js";
import { runHeader } from "./run-header.js";

const SIZES = [10, 100, 300, 1000, 3000];
const TOKEN = "gho_bench";

const sim = await GitHubSimulator.start();
sim.state.addUser("octocat", { token: TOKEN });
sim.state.addRepo({ owner: "octocat", name: "bench" });
const octokit = createOctokit({ baseUrl: sim.url, token: TOKEN });
const limits = { tokensPerCall: 48_000, maxCalls: 8, maxOutputTokens: 4096, boundary: "bench" };

for (const line of runHeader()) console.log(line);
console.log("review:  built-in checks (no LLM), every file a 20-line TypeScript module, then posted");
console.log(
  "gather:  fetch the PR and its files and run the checks (posting is paced at one write a second, as GitHub asks)\n",
);
console.log("files   gather requests   posting requests   total   gather time");
for (const size of SIZES) {
  const changes = Object.fromEntries(
    Array.from({ length: size }, (_, index) => [
      `src/m${index}.ts`,
      Array.from({ length: 20 }, (__, line) => `export const v${line} = ${index * line};`).join("\n") + "\n",
    ]),
  );
  const pull = sim.state.openPullRequest({ repo: "octocat/bench", author: "octocat", title: `${size} files`, changes });
  const ref = { owner: "octocat", repo: "bench", number: pull.number };
  const before = sim.requests.length;
  const started = performance.now();
  const source = pullRequestSource(octokit, ref);
  const context = createContextGatherer({
    source,
    repo: "octocat/bench",
    graph: undefined,
    memory: undefined,
    octokit,
    warn: console.warn,
  });
  const review = await runReview({ source, llm: undefined, countTokens: () => 0, context }, limits);
  const elapsed = performance.now() - started;
  const gathered = sim.requests.length - before;
  await publishReview(octokit, ref, review);
  const posting = sim.requests.length - before - gathered;
  console.log(
    `${String(size).padStart(5)}   ${String(gathered).padStart(15)}   ${String(posting).padStart(16)}   ${String(gathered + posting).padStart(5)}   ${elapsed.toFixed(0).padStart(8)} ms`,
  );
}
await sim.close();
