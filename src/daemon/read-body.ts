import type { IncomingMessage } from "node:http";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * The request body, or "too large" as soon as it passes the cap. Past the cap nothing more is
 * kept — the rest is read and thrown away, so a huge or endless body costs at most the cap in
 * memory, and the client, still sending, can read the 413 instead of a broken pipe.
 */
export function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer | "too large"> {
  const declared = Number(request.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    if (tooLarge) {
      request.resume();
      resolve("too large");
      return;
    }
    request.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve("too large");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? "too large" : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
