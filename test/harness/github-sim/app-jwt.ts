import { verify } from "node:crypto";
import { GitHubError } from "./http.js";
import type { SimApp } from "./model.js";

// GitHub's rules for an app's JWT: RS256, `iss` the app's id (or client id), `exp` in the future
// and at most 10 minutes after `iat`, `iat` not in the future (60 s of clock drift allowed).
// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app

const MAX_LIFETIME_S = 10 * 60;
const DRIFT_S = 60;

const undecodable = () => new GitHubError(401, "A JSON web token could not be decoded");

/** The app whose key signed `token`, or GitHub's 401. */
export function appOfJwt(token: string, apps: Iterable<SimApp>, nowMs = Date.now()): SimApp {
  const [header, payload, signature, extra] = token.split(".");
  if (!header || !payload || !signature || extra !== undefined) throw undecodable();
  const claims = decode(payload);
  if (decode(header).alg !== "RS256") throw undecodable();
  const app = [...apps].find(
    (candidate) => String(claims.iss) === String(candidate.id) || claims.iss === candidate.clientId,
  );
  if (!app) throw new GitHubError(401, "Integration not found");
  const signed = verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    app.publicKeyPem,
    Buffer.from(signature, "base64url"),
  );
  if (!signed) throw undecodable();
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== "number" || iat > now + DRIFT_S)
    throw new GitHubError(
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.",
    );
  if (typeof exp !== "number" || exp <= now || exp - iat > MAX_LIFETIME_S + DRIFT_S)
    throw new GitHubError(401, "'Expiration time' claim ('exp') is too far in the future.");
  return app;
}

function decode(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  } catch {
    // the same answer as GitHub's below
  }
  throw undecodable();
}
