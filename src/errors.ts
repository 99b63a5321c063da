// The one error hierarchy of nectr. Each error says what went wrong in one line and, in
// `hint`, the next thing the user can do. The CLI maps the kind to an exit code in one
// place (src/cli/report-error.ts); nothing else decides exit codes.

export type ErrorKind = "usage" | "auth" | "remote" | "busy" | "internal" | "gate";

export interface NectrErrorOptions {
  hint?: string;
  cause?: unknown;
  /** The message as it may be posted where others read it (a PR), when `message` names hosts or paths only the operator should see. */
  shareable?: string;
}

export abstract class NectrError extends Error {
  abstract readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly shareable: string;

  constructor(message: string, options: NectrErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.shareable = options.shareable ?? message;
  }
}

/** Bad usage or bad input: an unknown flag, a malformed reference, an invalid setting. */
export class UsageError extends NectrError {
  readonly kind = "usage";
}

/** Not logged in, or the token is invalid or lacks a needed scope. */
export class AuthError extends NectrError {
  readonly kind = "auth";
}

/** GitHub, the LLM or another service failed after retries. */
export class RemoteError extends NectrError {
  readonly kind = "remote";
}

/** Something else holds what nectr needs: a port, or the data folder another daemon owns. */
export class BusyError extends NectrError {
  readonly kind = "busy";
}

/** A fault of nectr itself. */
export class InternalError extends NectrError {
  readonly kind = "internal";
}

/** The review ran and left findings at or above `--fail-on`: not a fault, a verdict for CI (exit 3). */
export class GateError extends NectrError {
  readonly kind = "gate";
}
