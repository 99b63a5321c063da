import { Worker } from "node:worker_threads";
import { InternalError } from "../errors.js";
import type { ChangeOutline, ChangeSource, LlmPort } from "../review/ports.js";
import type { ReviewContext } from "../review/review-context.js";
import type { ReviewFocus } from "../review/run-review.js";
import type { SecretMask } from "../review/secret-masks.js";
import { LLM_SCHEMAS } from "./llm-schemas.js";
import {
  fromCrossThreadError,
  toCrossThreadError,
  type CrossThreadLlmRequest,
  type FromReviewThread,
  type PortCall,
  type ThreadResults,
  type ThreadStart,
  type ThreadTask,
  type ToReviewThread,
} from "./thread-messages.js";

/** What the review thread reads through the caller: every port does its I/O on the caller's thread. */
export interface ThreadPorts {
  source: ChangeSource;
  llm: LlmPort | undefined;
  context?: (change: ChangeOutline, masks: readonly SecretMask[]) => Promise<ReviewContext>;
  focus?: (change: ChangeOutline) => Promise<ReviewFocus | undefined>;
  progress?: (step: string) => void;
}

export interface ReviewThreadOptions {
  /** The CPU time the analysis of the change may take. */
  timeBoxMs: number;
  /** The built worker; dist/review-worker.js next to the CLI's bundle unless given. */
  workerUrl?: URL;
  /** A thread from bootReviewThread, started while the caller got ready; else one starts now. */
  thread?: BootedReviewThread;
  /** How long past the time box a thread that answers nothing lives before it is stopped (10 s). */
  graceMs?: number;
}

/** How often the caller asks the thread whether its event loop still turns. */
const PING_MS = 500;
const GRACE_MS = 10_000;
/** A hostile change can ask for any amount of memory; a thread that wants more than this dies alone. */
const THREAD_HEAP_MB = 1024;

export interface BootedReviewThread {
  worker: Worker;
}

/**
 * Starts a review thread before its task is known, so that loading its code overlaps the caller's
 * own start-up. It holds the process open only once a task runs in it.
 */
export function bootReviewThread(workerUrl?: URL): BootedReviewThread {
  const worker = new Worker(workerUrl ?? new URL("./review-worker.js", import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  return { worker };
}

/**
 * Runs one review task in its own thread and returns its result. The pipeline time-boxes its own
 * CPU work and ends with what it has; should a step still hold the thread past the box (a bug, or
 * a pattern no guard test foresaw), the thread is stopped and the task fails with that reason:
 * the caller's event loop, which answers webhooks, is never the one that stalls.
 */
export function runInReviewThread<K extends ThreadTask["name"]>(
  task: Extract<ThreadTask, { name: K }>,
  ports: ThreadPorts,
  options: ReviewThreadOptions,
): Promise<ThreadResults[K]> {
  const start: ThreadStart = {
    task,
    timeBoxMs: options.timeBoxMs,
    model: ports.llm?.model,
    countTokens: ports.llm !== undefined || task.name === "estimate",
    hasContext: ports.context !== undefined,
    hasFocus: ports.focus !== undefined,
  };
  const { worker } = options.thread ?? bootReviewThread(options.workerUrl);
  worker.ref();
  worker.postMessage({ type: "start", start } satisfies ToReviewThread);
  return new Promise<ThreadResults[K]>((resolve, reject) => {
    let lastAnswer = Date.now();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      outcome();
    };
    const watchdog = setInterval(() => {
      if (Date.now() - lastAnswer > options.timeBoxMs + (options.graceMs ?? GRACE_MS)) {
        finish(() =>
          reject(
            new InternalError(
              `the review's analysis held its thread past its ${(options.timeBoxMs / 1000).toLocaleString("en-US")} s time box and was stopped`,
              { hint: "nothing was posted; raise analysisTimeoutSeconds, or report the change that caused it" },
            ),
          ),
        );
        return;
      }
      send({ type: "ping" });
    }, PING_MS);
    const send = (message: ToReviewThread) => {
      if (!settled) worker.postMessage(message);
    };
    worker.on("message", (message: FromReviewThread) => {
      lastAnswer = Date.now();
      if (message.type === "call") {
        answerCall(ports, message).then(
          (value) => send({ type: "reply", id: message.id, ok: true, value }),
          (error: unknown) => send({ type: "reply", id: message.id, ok: false, error: toCrossThreadError(error) }),
        );
      } else if (message.type === "progress") ports.progress?.(message.step);
      // The thread posts the task's own result: the one shape `done` can carry for this task.
      else if (message.type === "done") finish(() => resolve(message.value as ThreadResults[K]));
      else if (message.type === "failed") finish(() => reject(fromCrossThreadError(message.error)));
    });
    worker.on("error", (error) =>
      finish(() =>
        reject(new InternalError(`the review thread failed: ${error.message}`, { hint: "nothing was posted" })),
      ),
    );
    worker.on("exit", (code) =>
      finish(() =>
        reject(
          new InternalError(`the review thread stopped (exit ${code}) before it answered`, {
            hint: "nothing was posted",
          }),
        ),
      ),
    );
  });
}

async function answerCall(ports: ThreadPorts, call: PortCall): Promise<unknown> {
  switch (call.port) {
    case "load":
      return ports.source.load();
    case "readTexts":
      return ports.source.readTexts(...call.args);
    case "readRepoConfig":
      return ports.source.readRepoConfig();
    case "context":
      if (!ports.context) throw new InternalError("the review thread asked for context nobody offered");
      return ports.context(...call.args);
    case "focus":
      if (!ports.focus) throw new InternalError("the review thread asked for a focus nobody offered");
      return ports.focus(...call.args);
    case "complete":
      return completeForThread(ports.llm, ...call.args);
  }
}

function completeForThread(llm: LlmPort | undefined, request: CrossThreadLlmRequest) {
  const schema = LLM_SCHEMAS[request.schemaName];
  if (!llm || !schema) throw new InternalError(`the review thread asked for an LLM answer of "${request.schemaName}"`);
  return llm.complete({ ...request, schema });
}
