// Prompt tokens of an incremental pass against the full first pass: a one-file push to a
// 50-file PR, reviewed in process against the GitHub simulator and the LLM fake.
// Run: node --import ./bench/resolve-ts-imports.ts bench/incremental-review.bench.ts
import { countTokens } from "gpt-tokenizer";
import { createOctokit } from "../src/github/create-octokit.js";
import { incrementalFocus } from "../src/github/incremental-focus.js";
import { pullRequestSource } from "../src/github/pull-request-source.js";
import { createOpenAiLlm } from "../src/llm/openai-llm.js";
import { runReview } from "../src/review/run-review.js";
import { GitHubSimulator } from "../test/harness/github-sim/server.js";
import { LlmFake } from "../test/harness/llm-fake/server.js";
import { runHeader } from "./run-header.js";

const FILES = 50;
const sim = await GitHubSimulator.start();
const fake = await LlmFake.start();
fake.fallback = () => ({ json: { summary: "Fine.", keyChanges: [], verdict: "comment", findings: [] } });
sim.state.addUser("octocat", { token: "gho_bench" });
sim.state.addRepo({ owner: "octocat", name: "bench" });
const module = (index: number, version: number) =>
  Array.from({ length: 12 }, (_, line) => `export const value${index}_${line} = ${version * 100 + line};`).join("\n") +
  "\n";
const changes = Object.fromEntries(
  Array.from({ length: FILES }, (_, index) => [`src/module-${index}.ts`, module(index, 1)]),
);
const pull = sim.state.openPullRequest({ repo: "octocat/bench", author: "octocat", title: "Fifty modules", changes });
const ref = { owner: "octocat", repo: "bench", number: pull.number };
const octokit = createOctokit({ baseUrl: sim.url, token: "gho_bench" });
const llm = createOpenAiLlm({ baseUrl: fake.url, apiKey: undefined, model: "gpt-4o-mini", timeoutMs: 10_000 });
const limits = { tokensPerCall: 48_000, maxCalls: 8, maxOutputTokens: 4096, boundary: "bench" };

const full = await runReview({ source: pullRequestSource(octokit, ref), llm, countTokens }, limits);
const firstHead = full.info.headSha;
sim.state.pushToPullRequest("octocat/bench", pull.number, { "src/module-7.ts": module(7, 2) });
const focus = incrementalFocus(octokit, ref, firstHead);
const incremental = await runReview({ source: pullRequestSource(octokit, ref), llm, countTokens, focus }, limits);

for (const line of runHeader()) console.log(line);
console.log(
  `change:  a ${FILES}-file PR, then one push changing one file; prompt tokens as the LLM fake counts them (4 characters a token)\n`,
);
console.log(
  `first pass (full):         ${full.llm.promptTokens.toLocaleString("en-US")} prompt tokens, ${full.coverage.full.length} files sent`,
);
console.log(
  `second pass (incremental): ${incremental.llm.promptTokens.toLocaleString("en-US")} prompt tokens, ${incremental.coverage.full.length} file sent, ${incremental.coverage.unchanged.length} unchanged`,
);
console.log(`ratio:                     ${((incremental.llm.promptTokens / full.llm.promptTokens) * 100).toFixed(1)}%`);
await sim.close();
await fake.close();
