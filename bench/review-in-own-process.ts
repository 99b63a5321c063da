// The child process of cost-growth.bench.ts: one review and its posting in a process of its own,
// so the memory it reports is this review's, not the simulator's or an earlier review's. A
// one-file review runs first, so code is loaded and compiled as in a daemon that has reviewed
// before. Started with --expose-gc (Linux: it reads and resets its own peak RSS in /proc/self);
// the task comes as JSON in argv[2]; over IPC it says "warm" and waits for "go" (so the parent
// can count the simulator's and the LLM fake's requests from there), then sends its ReviewCost.
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { createOpenAiLlm } from "../src/llm/openai-llm.js";
import { linearTokenCounter } from "../src/review/linear-token-count.js";
import { reviewAndPost } from "./review-and-post.js";

const pullRequestRef = z.object({ owner: z.string(), repo: z.string(), number: z.number() });
const reviewTask = z.object({
  apiUrl: z.string(),
  /** A one-file PR, reviewed and posted first, unmeasured. */
  warmUp: pullRequestRef,
  ref: pullRequestRef,
  /** The LLM fake's base URL; built-in checks only without it. */
  llmUrl: z.string().optional(),
});
export type ReviewTask = z.infer<typeof reviewTask>;

/** The octokit throttling plugin's longest spacing of writes (those that notify people). */
const WRITE_PACING_MS = 3000;

export interface ReviewCost {
  requests: { gather: number; posting: number };
  ms: { gather: number; total: number };
  /**
   * Bytes: RSS and heap used just before the review (after a full GC), the peak RSS during it
   * (the kernel's high-water mark, reset just before), heap used after it (after a full GC, the
   * review still held).
   */
  memory: { rssBefore: number; peakRss: number; heapBefore: number; heapAfter: number };
  coverage: { full: number; clipped: number; skipped: number };
}

/** VmRSS or VmHWM of this process, in bytes. */
function statusBytes(field: "VmRSS" | "VmHWM"): number {
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  return Number(kilobytes) * 1024;
}

const task = reviewTask.parse(JSON.parse(process.argv[2] ?? "{}"));
const collect = globalThis.gc;
if (!collect || !process.send) throw new Error("run by cost-growth.bench.ts, with --expose-gc and an IPC channel");
// The tokenizer (some 60 MB) loads only for a review with the LLM.
const llm = task.llmUrl
  ? {
      port: createOpenAiLlm({ baseUrl: task.llmUrl, apiKey: undefined, model: "gpt-4o-mini", timeoutMs: 60_000 }),
      countTokens: linearTokenCounter((await import("gpt-tokenizer")).countTokens),
    }
  : undefined;
await reviewAndPost(task.apiUrl, task.warmUp, llm);
// Else the measured review's writes would wait for the warm-up's to be spaced out.
await sleep(WRITE_PACING_MS);
const go = once(process, "message");
process.send("warm");
await go;

collect();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = statusBytes("VmRSS");
// "5" resets the peak RSS to the current RSS (proc(5), /proc/pid/clear_refs).
writeFileSync("/proc/self/clear_refs", "5");
const run = await reviewAndPost(task.apiUrl, task.ref, llm);
const peakRss = statusBytes("VmHWM");
collect();
const { coverage } = run.review;
const cost: ReviewCost = {
  requests: { gather: run.gather.requests, posting: run.posting.requests },
  ms: { gather: run.gather.ms, total: run.gather.ms + run.posting.ms },
  memory: { rssBefore, peakRss, heapBefore, heapAfter: process.memoryUsage().heapUsed },
  coverage: { full: coverage.full.length, clipped: coverage.clipped.length, skipped: coverage.skipped.length },
};
process.send(cost, () => process.disconnect());
