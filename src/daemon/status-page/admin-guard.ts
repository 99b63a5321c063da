import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const COOKIE_NAME = "nectr_admin";
/** Rotating NECTR_ADMIN_TOKEN (or NECTR_SECRET_KEY) signs every browser out before then. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface AdminGuard {
  /** The daemon listens beyond loopback, so the status page and /metrics need the admin token. */
  guarded: boolean;
  admits(request: IncomingMessage): boolean;
  /** Trades the one-time login code for a Set-Cookie value; the code works once, then never again. */
  redeem(code: string): string | undefined;
  /** 401, saying how to get in. */
  refuse(response: ServerResponse): void;
  /** Logs the one-time login link, or warns that nobody can get in. */
  announce(log: Logger, url: string): void;
}

export interface AdminGuardOptions {
  host: string;
  adminToken: string | undefined;
  /** Keys the cookie's HMAC, so the cookie proves the token without carrying it. */
  secretKey: Buffer;
}

/**
 * Guards the status page and /metrics when the daemon listens beyond loopback: they need
 * `Authorization: Bearer <NECTR_ADMIN_TOKEN>`, or the cookie that the one-time login link sets.
 * On loopback nothing is guarded. Every comparison is timing-safe.
 */
export function createAdminGuard(options: AdminGuardOptions): AdminGuard {
  const guarded = !LOOPBACK_HOSTS.has(options.host);
  const token = options.adminToken;
  const session = token
    ? createHmac("sha256", options.secretKey).update(`nectr admin session\0${token}`).digest("base64url")
    : undefined;
  let loginCode = guarded && token ? randomBytes(32).toString("base64url") : undefined;

  return {
    guarded,
    admits(request) {
      if (!guarded) return true;
      if (!token || !session) return false;
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
      if (bearer !== undefined && sameSecret(bearer, token)) return true;
      return cookieValues(request.headers.cookie, COOKIE_NAME).some((value) => sameSecret(value, session));
    },
    redeem(code) {
      if (!loginCode || !session || !sameSecret(code, loginCode)) return undefined;
      loginCode = undefined;
      return `${COOKIE_NAME}=${session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_SECONDS}`;
    },
    refuse(response) {
      const reason = token
        ? "send Authorization: Bearer <NECTR_ADMIN_TOKEN>, or open the one-time login link from the daemon's log (it works once; the next start logs a new one)"
        : "NECTR_ADMIN_TOKEN is not set, so nobody may see this while the daemon listens beyond loopback";
      response.writeHead(401, {
        "content-type": "text/plain; charset=utf-8",
        "www-authenticate": 'Bearer realm="nectr"',
        "cache-control": "no-store",
      });
      response.end(`401 Unauthorized: ${reason}\n`);
    },
    announce(log, url) {
      if (!guarded) return;
      if (loginCode)
        log.info({ loginUrl: `${url}/?login=${loginCode}` }, "status page: open this link once to sign in");
      else
        log.warn(
          "NECTR_ADMIN_TOKEN is not set: the status page and /metrics answer 401 while listening beyond loopback",
        );
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function cookieValues(header: string | undefined, name: string): string[] {
  return (header ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}
