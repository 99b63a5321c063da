import { execFile } from "node:child_process";
import type { Settings } from "../config/load-settings.js";
import { AuthError } from "../errors.js";
import type { TokenStore } from "./token-store.js";

export interface ResolvedToken {
  value: string;
  /** Where it came from, for `auth status` and messages (never the value). */
  source: "GH_TOKEN" | "GITHUB_TOKEN" | "GITHUB_PAT" | "keychain" | "file" | "gh";
  /** The login recorded with a stored token, when known without asking GitHub. */
  user: string | undefined;
}

/** The GitHub host nectr talks to, as tokens are stored under it: "github.com", "ghe.example.com:8443". */
export function githubHost(settings: Pick<Settings, "githubUrl">): string {
  return new URL(settings.githubUrl).host;
}

/**
 * The token to use, in a fixed and documented order (SPEC): GH_TOKEN, GITHUB_TOKEN, GITHUB_PAT,
 * then the one `nectr login` stored for the host (keychain or file), then `gh auth token`.
 */
export async function resolveToken(settings: Settings, store: TokenStore): Promise<ResolvedToken | undefined> {
  if (settings.envToken) return { value: settings.envToken.value, source: settings.envToken.variable, user: undefined };
  const host = githubHost(settings);
  const stored = await store.load(host);
  if (stored) return { value: stored.token, source: stored.location, user: stored.user };
  const fromGh = await ghCliToken(host);
  return fromGh ? { value: fromGh, source: "gh", user: undefined } : undefined;
}

export async function requireToken(settings: Settings, store: TokenStore): Promise<ResolvedToken> {
  const token = await resolveToken(settings, store);
  if (!token)
    throw new AuthError(`not logged in to ${githubHost(settings)}`, { hint: "run nectr login (or set GH_TOKEN)" });
  return token;
}

/** `gh auth token` when the GitHub CLI is installed and logged in to the host; undefined otherwise. */
function ghCliToken(host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("gh", ["auth", "token", "--hostname", host], { timeout: 5000 }, (error, stdout) => {
      const token = String(stdout).trim();
      resolve(error || token === "" ? undefined : token);
    });
  });
}
