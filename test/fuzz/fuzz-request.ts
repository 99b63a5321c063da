import { createHmac } from "node:crypto";

/**
 * How a fuzz request can end: an HTTP status, "refused" when node:http will not send it at all
 * (CR/LF or non-Latin-1 in a header, a bad method token), "closed" when the connection ends with
 * no answer, "timeout" when nothing comes back in time (a hang: never allowed).
 */
export type Outcome = number | "refused" | "closed" | "timeout";

export const WEBHOOK_PATH = "/api/v1/webhooks/github";

/** SPEC: 202 for a new delivery, 200 for a duplicate (the same delivery id, or a PR head already queued). */
const ACCEPTED: readonly Outcome[] = [202, 200];

export interface FuzzRequest {
  /** What the request tries, e.g. "valid" or "signature: wrong secret"; for the tally and failures. */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Sent with Transfer-Encoding: chunked, in pieces, instead of with a Content-Length. */
  chunked: boolean;
  /** The client gives up after sending this many bytes of the body. */
  abortAfterBytes: number | undefined;
  /** The outcomes the SPEC's wire table allows for this request. */
  allowed: readonly Outcome[];
}

/** A request being built: a signed delivery, then defects that each add the answers they allow. */
export interface RequestDraft {
  kinds: string[];
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  chunked: boolean;
  abortAfterBytes: number | undefined;
  defectAnswers: Set<Outcome>;
}

export function signature(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** A delivery as GitHub sends it, signed over its exact bytes. */
export function signedDelivery(event: string, body: Buffer, secret: string, deliveryId: string): RequestDraft {
  return {
    kinds: [],
    method: "POST",
    path: WEBHOOK_PATH,
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/fuzz",
      "x-github-event": event,
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": signature(body, secret),
    },
    body,
    chunked: false,
    abortAfterBytes: undefined,
    defectAnswers: new Set(),
  };
}

/** Marks a defect: the request is now `kind`, and the SPEC answers it with one of `answers`. */
export function addDefect(draft: RequestDraft, kind: string, answers: readonly Outcome[]): void {
  draft.kinds.push(kind);
  for (const answer of answers) draft.defectAnswers.add(answer);
}

/** A change GitHub could make or that does not matter to the SPEC: the delivery stays valid. */
export function addVariation(draft: RequestDraft, kind: string): void {
  draft.kinds.push(kind);
}

/** Replaces the body and signs it again with `secret`, so only the body's content is under test. */
export function resign(draft: RequestDraft, body: Buffer, secret: string): void {
  draft.body = body;
  draft.headers["x-hub-signature-256"] = signature(body, secret);
}

export function finish(draft: RequestDraft): FuzzRequest {
  return {
    kind: draft.kinds.join(" + ") || "valid",
    method: draft.method,
    path: draft.path,
    headers: draft.headers,
    body: draft.body,
    chunked: draft.chunked,
    abortAfterBytes: draft.abortAfterBytes,
    allowed: draft.defectAnswers.size > 0 ? [...draft.defectAnswers] : ACCEPTED,
  };
}

/**
 * X-GitHub-Delivery as the daemon's node:http reads it: repeated headers joined with ", ", each
 * trimmed. (node:http's client sends header strings as Latin-1 when the body is a Buffer, as
 * every body here is, so a Latin-1 id comes back as it was.)
 */
export function deliveryIdAsRead(headers: FuzzRequest["headers"]): string | undefined {
  const value = headers["x-github-delivery"];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((part) => part.trim()).join(", ");
}
