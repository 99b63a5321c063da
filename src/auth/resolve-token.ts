import { AuthError } from "../errors.js";
import type { Settings } from "../config/load-settings.js";

export interface ResolvedToken {
  value: string;
  /** Where it came from, for `auth status` and error messages (never the value). */
  source: string;
}

/**
 * The GitHub token to use. Today only the environment (GH_TOKEN > GITHUB_TOKEN > GITHUB_PAT);
 * the stored token of `nectr login` joins this chain with the auth issue.
 */
export function resolveToken(settings: Settings): ResolvedToken | undefined {
  return settings.envToken ? { value: settings.envToken.value, source: settings.envToken.variable } : undefined;
}

export function requireToken(settings: Settings): ResolvedToken {
  const token = resolveToken(settings);
  if (!token) {
    throw new AuthError("not logged in to GitHub", {
      hint: "set GH_TOKEN to a token with the repo scope (nectr login is coming)",
    });
  }
  return token;
}
