import {
  AuthError,
  BusyError,
  GateError,
  InternalError,
  NectrError,
  RemoteError,
  UsageError,
  type ErrorKind,
  type NectrErrorOptions,
} from "../errors.js";
import type { ReviewEstimate } from "../review/estimate-review.js";
import type { ChangeOutline, FileText, LlmUsage, RawChange, TextRequest } from "../review/ports.js";
import type { ReviewContext } from "../review/review-context.js";
import type { ReviewFocus, ReviewLimits } from "../review/run-review.js";
import type { SecretMask } from "../review/secret-masks.js";
import type { Review } from "../review/types.js";

// What the caller's thread and a review thread say to each other. The review thread does the CPU
// work on PR content; every read of the outside world is a call back to the caller's thread.

export type ThreadTask =
  | { name: "review"; limits: ReviewLimits; llmWithheld: string | undefined; learn: boolean }
  | { name: "estimate"; limits: ReviewLimits }
  | { name: "ask"; question: string; asker: string | undefined; boundary: string };

export interface ThreadResults {
  review: Review;
  estimate: ReviewEstimate;
  ask: { answer: string; usage: LlmUsage };
}

export interface ThreadStart {
  task: ThreadTask;
  /** The CPU time the analysis may take, in milliseconds. */
  timeBoxMs: number;
  /** The model, when the caller will answer LLM calls. */
  model: string | undefined;
  /** Count tokens with the real tokenizer (an LLM review or an estimate), else count nothing. */
  countTokens: boolean;
  hasContext: boolean;
  hasFocus: boolean;
}

/** The LLM call as it crosses threads: a schema is code, so it travels by name (see llm-schemas.ts). */
export interface CrossThreadLlmRequest {
  system: string;
  user: string;
  schemaName: string;
  maxOutputTokens: number;
  promptTokens: number;
}

export interface PortCalls {
  load: { args: []; result: RawChange };
  readTexts: { args: [readonly TextRequest[]]; result: Map<string, FileText> };
  readRepoConfig: { args: []; result: string | undefined };
  context: { args: [ChangeOutline, readonly SecretMask[]]; result: ReviewContext };
  focus: { args: [ChangeOutline]; result: ReviewFocus | undefined };
  complete: { args: [CrossThreadLlmRequest]; result: { value: unknown; usage: LlmUsage } };
}

export type PortName = keyof PortCalls;

/** One call of a port, its arguments typed by the port's name. */
export type PortCall = { [K in PortName]: { port: K; args: PortCalls[K]["args"] } }[PortName];

export type FromReviewThread =
  | ({ type: "call"; id: number } & PortCall)
  | { type: "progress"; step: string }
  | { type: "done"; value: unknown }
  | { type: "failed"; error: CrossThreadError }
  | { type: "pong" };

export type ToReviewThread =
  | { type: "start"; start: ThreadStart }
  | { type: "reply"; id: number; ok: true; value: unknown }
  | { type: "reply"; id: number; ok: false; error: CrossThreadError }
  | { type: "ping" };

/** nectr's errors keep their kind (and so their exit code) and hint across the thread boundary. */
export interface CrossThreadError {
  kind: ErrorKind | undefined;
  message: string;
  hint: string | undefined;
  shareable: string | undefined;
}

export function toCrossThreadError(error: unknown): CrossThreadError {
  if (error instanceof NectrError)
    return { kind: error.kind, message: error.message, hint: error.hint, shareable: error.shareable };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: undefined, message, hint: undefined, shareable: undefined };
}

const ERROR_OF_KIND: Record<ErrorKind, new (message: string, options: NectrErrorOptions) => NectrError> = {
  usage: UsageError,
  auth: AuthError,
  remote: RemoteError,
  busy: BusyError,
  internal: InternalError,
  gate: GateError,
};

export function fromCrossThreadError(error: CrossThreadError): Error {
  return error.kind
    ? new ERROR_OF_KIND[error.kind](error.message, { hint: error.hint, shareable: error.shareable })
    : new Error(error.message);
}
