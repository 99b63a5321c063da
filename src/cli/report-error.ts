import { NectrError, type ErrorKind } from "../errors.js";
import { colorsFor } from "./colors.js";
import type { CliIo } from "./io.js";

// The one place where errors become exit codes (SPEC "Exit codes").
const EXIT_CODE: Record<ErrorKind, number> = { usage: 2, auth: 4, remote: 1, busy: 1, internal: 1, gate: 3 };

export function exitCodeFor(error: unknown): number {
  return error instanceof NectrError ? EXIT_CODE[error.kind] : 1;
}

/** Prints one line (what went wrong, what to do next); the stack only with NECTR_DEBUG. */
export function reportError(error: unknown, io: CliIo, debug: boolean): number {
  const color = colorsFor(io.stderr, io.env);
  const [message, hint] = describe(error);
  const line = hint ? `${message} — ${hint}` : message;
  io.stderr.write(`${color.red("nectr:")} ${oneLine(line)}\n`);
  if (debug) io.stderr.write(`${stackWithCauses(error)}\n`);
  return exitCodeFor(error);
}

function describe(error: unknown): [string, string | undefined] {
  if (error instanceof NectrError) return [error.message, error.hint];
  const message = error instanceof Error ? error.message : String(error);
  return [`unexpected error: ${message}`, "run again with NECTR_DEBUG=1 and report the output"];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && parts.length < 10) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push("Caused by:");
  }
  return parts.join("\n");
}
