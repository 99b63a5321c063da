import { request as httpRequest, type Agent, type ClientRequest } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FuzzRequest, Outcome } from "./fuzz-request.js";

const CHUNK_BYTES = 1024 * 1024;

export interface SentRequest {
  outcome: Outcome;
  /** Why node:http refused to send it, or how the connection ended. */
  error: string | undefined;
}

/**
 * Sends one request with node:http, which (unlike fetch) sends raw header values and any method
 * token, and resolves with what came back; it never rejects. Gives up after `timeoutMs`: a
 * request the daemon leaves hanging ends as "timeout".
 */
export function sendFuzzRequest(
  target: { host: string; port: number; agent: Agent },
  fuzz: FuzzRequest,
  timeoutMs: number,
): Promise<SentRequest> {
  return new Promise((resolve) => {
    let status: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: Outcome, error?: string) => {
      clearTimeout(timer);
      resolve({ outcome, error });
    };
    let request: ClientRequest;
    try {
      request = httpRequest({ ...target, method: fuzz.method, path: fuzz.path, headers: fuzz.headers });
    } catch (error) {
      settle("refused", errorCode(error));
      return;
    }
    timer = setTimeout(() => {
      request.destroy();
      settle("timeout");
    }, timeoutMs);
    request.on("response", (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      response.on("end", () => settle(status ?? 0));
    });
    // A daemon that answers early (413, 400) may close while the body is still going out.
    request.on("error", (error) => settle(status ?? "closed", errorCode(error)));
    writeBody(request, fuzz);
  });
}

function writeBody(request: ClientRequest, fuzz: FuzzRequest): void {
  if (fuzz.abortAfterBytes !== undefined) {
    request.write(fuzz.body.subarray(0, fuzz.abortAfterBytes), () => request.destroy());
    return;
  }
  if (!fuzz.chunked) {
    request.end(fuzz.body);
    return;
  }
  const pieces = function* () {
    for (let at = 0; at < fuzz.body.length; at += CHUNK_BYTES) yield fuzz.body.subarray(at, at + CHUNK_BYTES);
  };
  pipeline(Readable.from(pieces()), request).catch(() => undefined);
}

function errorCode(error: unknown): string {
  if (error instanceof Error) return "code" in error ? String(error.code) : error.message;
  return String(error);
}
