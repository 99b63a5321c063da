// How a review's cost grows with the PR, and whether the daemon's memory grows with its history.
// (a) One review at 10 / 100 / 1,000 / 3,000 files against the GitHub simulator, built-in checks
//     alone and with the LLM fake, each in a process of its own (review-in-own-process.ts).
// (b) A real `nectr serve` fed 10,000 signed deliveries it stores without queueing a review,
//     then started again over them with 0, 100 and 10,000 posted reviews (daemon-history.ts).
// Run (after `npm run build`): node --import ./bench/resolve-ts-imports.ts bench/cost-growth.bench.ts
import { fork } from "node:child_process";
import path from "node:path";
import { defaultReply, schemaOf } from "../test/harness/daemon-world.js";
import { LlmFake } from "../test/harness/llm-fake/server.js";
import { daemonHistoryMethod, measureDaemonHistory } from "./daemon-history.js";
import { daemonHistoryTable } from "./daemon-history-table.js";
import type { ReviewCost, ReviewTask } from "./review-in-own-process.js";
import { openPullOfSize, startBenchSimulator } from "./pull-of-size.js";
import { runHeader } from "./run-header.js";

const SIZES = [10, 100, 1000, 3000];
const MB = 1024 * 1024;

/** Runs the task in a child process; `warm` is called once its warm-up review is over. */
function reviewInOwnProcess(task: ReviewTask, warm: () => void): Promise<ReviewCost> {
  const child = fork(path.join(import.meta.dirname, "review-in-own-process.ts"), [JSON.stringify(task)], {
    execArgv: [...process.execArgv, "--expose-gc"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (message) => {
      if (message !== "warm") return resolve(message as ReviewCost);
      warm();
      child.send("go");
    });
    child.once("exit", (code) => reject(new Error(`the review process exited with ${code} before answering`)));
  });
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const signedMegabytes = (bytes: number) => `${bytes >= 0 ? "+" : ""}${(bytes / MB).toFixed(1)} MB`;
const grouped = (value: number) => value.toLocaleString("en-US");

for (const line of runHeader()) console.log(line);
const METHOD = [
  "review:  every file a 20-line TypeScript module; fetched, checked and posted in a fresh process (the",
  "         simulator and the LLM fake run in this one) after a one-file review there, so code is loaded",
  "         and compiled as in a daemon; time is wall time, with octokit's pacing as GitHub asks (GraphQL",
  "         queries and writes 1 s apart, writes that notify people 3 s apart); peak RSS is the child's",
  "         high-water mark during the review, heap Δ the heap used after it minus before, each after a",
  "         full GC, the review still held; LLM calls are review + learnings, prompt tokens as the fake",
  "         counts them (4 characters a token)",
];
for (const line of METHOD) console.log(line);
console.log("");

const sim = await startBenchSimulator();
const fake = await LlmFake.start();
fake.fallback = defaultReply;
console.log(
  "files  LLM    GitHub requests     gather     total  RSS before  peak RSS     peak Δ      heap Δ  LLM calls  prompt tokens  files the LLM saw",
);
for (const size of SIZES) {
  for (const llmUrl of [undefined, fake.url]) {
    const [warmUp, ref] = [openPullOfSize(sim, 1), openPullOfSize(sim, size)];
    let [requestsBefore, chatsBefore] = [0, 0];
    const cost = await reviewInOwnProcess({ apiUrl: sim.url, warmUp, ref, llmUrl }, () => {
      [requestsBefore, chatsBefore] = [sim.requests.length, fake.chats.length];
    });
    const { gather, posting } = cost.requests;
    if (sim.requests.length - requestsBefore !== gather + posting)
      throw new Error("the simulator saw another number of requests than the client sent");
    const chats = fake.chats.slice(chatsBefore);
    const promptTokens = chats.reduce((sum, chat) => sum + chat.promptTokens, 0);
    const reviewCalls = chats.filter((chat) => schemaOf(chat) === "review").length;
    const { memory, coverage } = cost;
    console.log(
      [
        String(size).padStart(5),
        (llmUrl ? "fake" : "none").padEnd(4),
        `${gather} + ${posting} = ${gather + posting}`.padStart(17),
        `${cost.ms.gather.toFixed(0)} ms`.padStart(9),
        `${cost.ms.total.toFixed(0)} ms`.padStart(8),
        megabytes(memory.rssBefore).padStart(10),
        megabytes(memory.peakRss).padStart(8),
        signedMegabytes(memory.peakRss - memory.rssBefore).padStart(9),
        signedMegabytes(memory.heapAfter - memory.heapBefore).padStart(10),
        (llmUrl ? `${reviewCalls} + ${chats.length - reviewCalls}` : "–").padStart(9),
        (llmUrl ? grouped(promptTokens) : "–").padStart(13),
        llmUrl ? `${coverage.full} whole, ${coverage.clipped} clipped, ${coverage.skipped} skipped` : "–",
      ].join("  "),
    );
  }
}
await sim.close();
await fake.close();

console.log("");
for (const line of daemonHistoryMethod()) console.log(line);
console.log("");
for (const line of daemonHistoryTable(await measureDaemonHistory())) console.log(line);
