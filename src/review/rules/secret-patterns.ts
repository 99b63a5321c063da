import { isPlaceholderValue } from "./placeholder-value.js";
import { matchesIn } from "./regex-matches.js";
import { SERVICE_KEY_PATTERNS } from "./service-key-patterns.js";

export interface FoundSecret {
  rule: string;
  /** What the title calls it, e.g. "GitHub token". */
  kind: string;
  /** The secret itself, to be masked; null when the match names no value (a private key's BEGIN line). */
  value: string | null;
  /** How many leading characters a masked value may show: a prefix that tells the kind, never enough to use. */
  visibleChars: number;
}

export interface SecretPattern extends Omit<FoundSecret, "value"> {
  /** Global; the named group `secret` is the value. */
  pattern: RegExp;
}

export const PRIVATE_KEY_BEGIN = "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----";

// Formats as the issuers publish them. Exact lengths keep look-alikes (ids, hashes) out.
const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    rule: "secret/aws-key",
    kind: "AWS access key id",
    pattern: /\b(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})\b/g,
    visibleChars: 4,
  },
  {
    // A secret access key is 40 base64 characters with no prefix of its own, so only its name gives it away.
    rule: "secret/aws-key",
    kind: "AWS secret access key",
    pattern:
      /(?:aws[\w.-]{0,20}secret|secret[_.-]?access[_.-]?key)[\w.-]{0,30}["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    visibleChars: 4,
  },
  {
    rule: "secret/github-token",
    kind: "GitHub token",
    pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36})\b/g,
    visibleChars: 4,
  },
  {
    rule: "secret/github-token",
    kind: "GitHub fine-grained token",
    pattern: /\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    visibleChars: 11,
  },
  {
    rule: "secret/slack-token",
    kind: "Slack token",
    // Bot, user and legacy tokens (`xoxb-`, `xoxp-`, …), and app-level tokens (`xapp-1-A…-…-<hex>`).
    pattern:
      /\b(?<secret>xox[baprs]-(?:[0-9A-Za-z]+-){1,3}[0-9A-Za-z]{8,}|xapp-\d-[A-Z0-9]{9,}-\d{10,}-[a-f0-9]{32,})\b/g,
    visibleChars: 4,
  },
  {
    rule: "secret/slack-webhook",
    kind: "Slack webhook URL",
    pattern: /(?<secret>https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,})/g,
    visibleChars: "https://hooks.slack.com/services/".length,
  },
  {
    // The BEGIN line of a key as it sits in a file or a multi-line string: first thing on its line, or right after
    // the quote that opens a literal continued on the next line (a template literal, `"""`, a Go raw string, a
    // quoted .env value); or followed by key material after an escaped newline (a JSON service-account file). Code
    // that merely tests for the marker, like `pem.startsWith("-----BEGIN PRIVATE KEY-----")`, is none of these.
    rule: "secret/private-key",
    kind: "Private key",
    pattern: new RegExp(
      String.raw`^\s*["'\`]?${PRIVATE_KEY_BEGIN}|["'\`]${PRIVATE_KEY_BEGIN}\s*$|${PRIVATE_KEY_BEGIN}(?:\\r)?\\n[A-Za-z0-9+/=]{40}`,
      "g",
    ),
    visibleChars: 0,
  },
  {
    // Three base64url segments, the first two JSON objects (`{"` is `eyJ`): a signed token, wherever it travels
    // (an `Authorization: Bearer` header, a .env value, a fixture). The look-behind starts each match at the start
    // of a segment, so a line of segments costs one pass.
    rule: "secret/jwt",
    kind: "JSON Web Token",
    pattern: /(?<![\w-])(?<secret>eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{16,})/g,
    visibleChars: 3,
  },
  ...SERVICE_KEY_PATTERNS,
];

/** The secrets of a known format on a line, one per pattern; placeholders left out. */
export function knownSecretsIn(text: string): FoundSecret[] {
  const found: FoundSecret[] = [];
  for (const pattern of SECRET_PATTERNS) {
    const first = secretsOfPattern(text, pattern)[0];
    if (first) found.push(first);
  }
  return found;
}

/** Every secret of a known format on a line, each occurrence: what must never reach a prompt. */
export function everyKnownSecretIn(text: string): FoundSecret[] {
  return SECRET_PATTERNS.flatMap((pattern) => secretsOfPattern(text, pattern));
}

function secretsOfPattern(text: string, { pattern, ...about }: SecretPattern): FoundSecret[] {
  return matchesIn(text, pattern)
    .map((match) => ({ ...about, value: match.groups?.["secret"] ?? null }))
    .filter((secret) => secret.value === null || !isPlaceholderValue(secret.value));
}
