import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { answerAboutChange } from "../review/answer-question.js";
import { estimateReview } from "../review/estimate-review.js";
import { linearTokenCounter } from "../review/linear-token-count.js";
import type { ChangeSource, LlmPort, TimeBox } from "../review/ports.js";
import { runReview, type ReviewDependencies } from "../review/run-review.js";
import {
  fromCrossThreadError,
  toCrossThreadError,
  type FromReviewThread,
  type PortCall,
  type PortCalls,
  type PortName,
  type ThreadStart,
  type ToReviewThread,
} from "./thread-messages.js";

// The review thread: runs one review's pipeline, whose every read of the outside world is a call
// back to the thread that started it. A stalled pipeline stalls only this thread.

const port = parentPort;
if (!port) throw new Error("review-worker.js runs as a worker thread");

const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let lastId = 0;
// The thread may be started before its task is known (run-in-review-thread.ts): the task comes first.
port.on("message", (message: ToReviewThread) => {
  if (message.type === "start") {
    return void run(message.start).then(
      (value) => post({ type: "done", value }),
      (error: unknown) => post({ type: "failed", error: toCrossThreadError(error) }),
    );
  }
  if (message.type === "ping") return post({ type: "pong" });
  const waiting = pending.get(message.id);
  pending.delete(message.id);
  if (message.ok) waiting?.resolve(message.value);
  else waiting?.reject(fromCrossThreadError(message.error));
});

function post(message: FromReviewThread): void {
  port?.postMessage(message);
}

function call<K extends PortName>(name: K, ...args: PortCalls[K]["args"]): Promise<PortCalls[K]["result"]> {
  return new Promise((resolve, reject) => {
    lastId += 1;
    // The caller's thread answers with the port's own result: the one shape this call can return.
    pending.set(lastId, { resolve: (value) => resolve(value as PortCalls[K]["result"]), reject });
    // `name` and `args` belong together by the signature above; TypeScript cannot see that through K.
    post({ type: "call", id: lastId, ...({ port: name, args } as PortCall) });
  });
}

const source: ChangeSource = {
  load: () => call("load"),
  readTexts: (requests) => call("readTexts", requests),
  readRepoConfig: () => call("readRepoConfig"),
};

/** The caller's LLM; each request carries its prompt's token count, which the caller's budget reserves. */
function callersLlm(model: string, countTokens: (text: string) => number): LlmPort {
  return {
    model,
    async complete(request) {
      const { value, usage } = await call("complete", {
        system: request.system,
        user: request.user,
        schemaName: request.schemaName,
        maxOutputTokens: request.maxOutputTokens,
        promptTokens: countTokens(request.system) + countTokens(request.user),
      });
      return { value: request.schema.parse(value), usage };
    },
  };
}

/** The analysis time box counts this thread's busy time only, not its waits for GitHub or the LLM. */
function busyTimeBox(limitMs: number): TimeBox {
  const since = performance.eventLoopUtilization();
  return { remainingMs: () => limitMs - performance.eventLoopUtilization(since).active };
}

async function run(start: ThreadStart): Promise<unknown> {
  // Wait for the event loop to run, so its busy time can be measured.
  await new Promise((resolve) => setImmediate(resolve));
  const time = busyTimeBox(start.timeBoxMs);
  const countTokens = start.countTokens ? linearTokenCounter((await import("gpt-tokenizer")).countTokens) : () => 0;
  const llm = start.model ? callersLlm(start.model, countTokens) : undefined;
  const progress = (step: string) => post({ type: "progress", step });
  const { task } = start;
  if (task.name === "ask") {
    if (!llm) throw new Error("a question needs an LLM");
    return answerAboutChange({ source, llm, time }, task);
  }
  const deps: ReviewDependencies = {
    source,
    llm,
    countTokens,
    time,
    progress,
    context: start.hasContext ? (outline, masks) => call("context", outline, masks) : undefined,
    focus: start.hasFocus ? (outline) => call("focus", outline) : undefined,
  };
  if (task.name === "estimate") return estimateReview(deps, task.limits);
  return runReview({ ...deps, llmWithheld: task.llmWithheld, learn: task.learn }, task.limits);
}
