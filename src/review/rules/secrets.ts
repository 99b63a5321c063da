import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { findingOnAddedLine, type LineFindingText } from "./finding-on-added-line.js";
import { genericSecretIn } from "./generic-secret.js";
import { keyBlockBeginLines } from "./private-key-block.js";
import { knownSecretsIn, type FoundSecret } from "./secret-patterns.js";

const PRIVATE_KEY: FoundSecret = { rule: "secret/private-key", kind: "Private key", value: null, visibleChars: 0 };

// Secrets are flagged in every text file, docs and tests included: a live key in a README leaks just the same.
// Examples that say so (AKIA...EXAMPLE, xxxx, ${VAR}) are left out; see placeholder-value.ts.
export const secretsRule: Rule = {
  id: "secret",
  description: "Credentials on added lines: cloud keys, tokens, webhooks, private keys, random passwords",
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const lines = addedLines(file);
      const keyBlocks = keyBlockBeginLines(lines);
      for (const { line, text } of lines) {
        const known = knownSecretsIn(text);
        if (keyBlocks.has(line) && !known.some(({ rule }) => rule === PRIVATE_KEY.rule)) known.push(PRIVATE_KEY);
        const generic = known.length === 0 ? genericSecretIn(text) : null;
        for (const secret of generic === null ? known : [generic]) {
          findings.push(findingOnAddedLine(file.path, line, secretFinding(secret)));
        }
      }
    }
    return findings;
  },
};

function secretFinding(secret: FoundSecret): LineFindingText {
  const shown = secret.value === null ? "" : `: \`${maskSecret(secret.value, secret.visibleChars)}\``;
  return {
    severity: "critical",
    rule: secret.rule,
    title: `${secret.kind} added${shown}`,
    body:
      "Anyone who can read this repository, now or later, can use it: deleting it in a later commit leaves it in " +
      "the git history. Revoke or rotate it now, then load it from the environment or a secret store instead.",
  };
}

/** Shows at most `visibleChars` of the secret, and never more than half of it, then `****`. */
export function maskSecret(value: string, visibleChars: number): string {
  return `${value.slice(0, Math.min(visibleChars, Math.floor(value.length / 2)))}****`;
}
