import type { IncomingMessage } from "node:http";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Bytes of request bodies all requests together may hold in memory at once. */
export interface BodyBytesInFlight {
  take(bytes: number): boolean;
  give(bytes: number): void;
}

/** A cap on the body bytes held at once: past it, a delivery is answered 503 instead of buffered. */
export function bodyBytesInFlight(maxBytes: number): BodyBytesInFlight {
  let held = 0;
  return {
    take(bytes) {
      if (held + bytes > maxBytes) return false;
      held += bytes;
      return true;
    },
    give(bytes) {
      held = Math.max(0, held - bytes);
    },
  };
}

export type BodyRead = Buffer | "too large" | "no room";

/**
 * The request body, or "too large" as soon as it passes the cap, or "no room" when the bytes in
 * flight would pass theirs. After either, nothing more is kept — the rest is read and thrown
 * away, so a huge or endless body costs at most the cap in memory, and the client, still sending,
 * can read its answer instead of a broken pipe. What it held is given back once it is read.
 */
export function readBody(
  request: IncomingMessage,
  inFlight: BodyBytesInFlight,
  maxBytes = MAX_BODY_BYTES,
): Promise<BodyRead> {
  const declared = Number(request.headers["content-length"]);
  return new Promise((resolve, reject) => {
    if (Number.isFinite(declared) && declared > maxBytes) {
      discardBody(request);
      resolve("too large");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (why: "too large" | "no room") => {
      inFlight.give(size);
      chunks.length = 0;
      size = 0;
      request.removeAllListeners("data");
      discardBody(request);
      resolve(why);
    };
    request.on("data", (chunk: Buffer) => {
      if (size + chunk.length > maxBytes) return stop("too large");
      if (!inFlight.take(chunk.length)) return stop("no room");
      size += chunk.length;
      chunks.push(chunk);
    });
    request.on("end", () => {
      inFlight.give(size);
      resolve(Buffer.concat(chunks));
    });
    request.on("error", (error) => {
      inFlight.give(size);
      reject(error);
    });
  });
}

/** Reads and drops what is left, so the client can read the answer it is about to get. */
export function discardBody(request: IncomingMessage): void {
  request.on("data", () => {});
  request.resume();
}
