import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { hostname, networkInterfaces } from "node:os";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const ANY_ADDRESS = new Set(["0.0.0.0", "::"]);
const COOKIE_NAME = "nectr_admin";
/** Rotating NECTR_ADMIN_TOKEN (or NECTR_SECRET_KEY) signs every browser out before then. */
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface AdminGuard {
  /** The daemon is reachable beyond loopback, so the status page and /metrics need a sign-in. */
  guarded: boolean;
  /**
   * The request names the daemon itself in its Host header (loopback names, the address it listens
   * on, publicUrl's host). Anything else is a browser tricked by DNS rebinding, or a proxy's guest.
   */
  ownsHost(request: IncomingMessage): boolean;
  admits(request: IncomingMessage): boolean;
  /** Trades the one-time login code for a Set-Cookie value; the code works once, then never again. */
  redeem(code: string, request: IncomingMessage): string | undefined;
  /** 401, saying how to get in. */
  refuse(response: ServerResponse): void;
  /** 421 for a Host that is not the daemon's. */
  misdirected(response: ServerResponse): void;
  /** The one-time login link, for the daemon to print at start; undefined when nothing is guarded. */
  loginUrl(url: string): string | undefined;
}

export interface AdminGuardOptions {
  host: string;
  /** Where GitHub (and people) reach the daemon, when it is behind a proxy. */
  publicUrl: string | undefined;
  adminToken: string | undefined;
  /** Keys the cookie's HMAC, so the cookie proves the token without carrying it. */
  secretKey: Buffer;
}

/**
 * Guards the status page and /metrics. They answer only requests whose Host is the daemon's own,
 * and — when the daemon listens beyond loopback or has a publicUrl — only with
 * `Authorization: Bearer <NECTR_ADMIN_TOKEN>`, or the cookie that the one-time login link sets.
 * Without NECTR_ADMIN_TOKEN a random token of this run's own stands in: the login link still
 * works, and nothing else does. Every comparison is timing-safe.
 */
export function createAdminGuard(options: AdminGuardOptions): AdminGuard {
  const guarded = !LOOPBACK_HOSTS.has(options.host) || options.publicUrl !== undefined;
  const token = options.adminToken ?? randomBytes(32).toString("base64url");
  const session = createHmac("sha256", options.secretKey).update(`nectr admin session\0${token}`).digest("base64url");
  let loginCode = guarded ? randomBytes(32).toString("base64url") : undefined;
  const ownHosts = ownHostNames(options.host, options.publicUrl);
  const secure = (request: IncomingMessage) =>
    options.publicUrl?.startsWith("https:") === true || request.headers["x-forwarded-proto"] === "https";

  return {
    guarded,
    ownsHost: (request) => ownHosts.has(hostOf(request.headers.host ?? "")),
    admits(request) {
      if (!guarded) return true;
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
      if (bearer !== undefined && options.adminToken !== undefined && sameSecret(bearer, token)) return true;
      return cookieValues(request.headers.cookie, COOKIE_NAME).some((value) => sameSecret(value, session));
    },
    redeem(code, request) {
      if (!loginCode || !sameSecret(code, loginCode)) return undefined;
      loginCode = undefined;
      const flags = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure(request) ? "; Secure" : ""}`;
      return `${COOKIE_NAME}=${session}; ${flags}`;
    },
    refuse(response) {
      const reason = options.adminToken
        ? "send Authorization: Bearer <NECTR_ADMIN_TOKEN>, or open the one-time login link the daemon printed at start (it works once; the next start prints a new one)"
        : "open the one-time login link the daemon printed at start, or set NECTR_ADMIN_TOKEN to sign in with a token";
      response.writeHead(401, {
        "content-type": "text/plain; charset=utf-8",
        "www-authenticate": 'Bearer realm="nectr"',
        "cache-control": "no-store",
      });
      response.end(`401 Unauthorized: ${reason}\n`);
    },
    misdirected(response) {
      response.writeHead(421, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end("421 Misdirected Request: this Host is not the daemon's; use its own address, or set publicUrl\n");
    },
    loginUrl: (url) => (loginCode ? `${options.publicUrl ?? url}/?login=${loginCode}` : undefined),
  };
}

/** The names a request may use for the daemon, lower case, without port or brackets. */
function ownHostNames(host: string, publicUrl: string | undefined): Set<string> {
  const names = new Set([...LOOPBACK_HOSTS, host.toLowerCase()]);
  if (publicUrl) names.add(new URL(publicUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase());
  // Listening on every interface, the daemon is each of this machine's addresses and its name.
  if (ANY_ADDRESS.has(host)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  return names;
}

function hostOf(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed?.[1]) return bracketed[1].toLowerCase();
  return header.replace(/:\d+$/, "").toLowerCase();
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
