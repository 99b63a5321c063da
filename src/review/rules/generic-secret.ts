import type { FoundSecret } from "./secret-patterns.js";
import { isPlaceholderValue } from "./placeholder-value.js";
import { matchesIn } from "./regex-matches.js";
import { shannonEntropy } from "./shannon-entropy.js";

// `<name ending in password|secret|token|...> = <value>` in code, JSON, YAML, .env, TOML, INI or shell (`tokenizer =
// ...` does not end in one), with a type between them or not (`apiKey: string = ...`, `api_token: str = ...`), or
// a quoted name and a value side by side in a call (`define('DB_PASSWORD', '...')`, `environ.get("SECRET_KEY",
// "...")`). A value is either a quoted literal or, unquoted, the rest of the line or of the string it sits in
// (`API_TOKEN=...`, `token: ...`, `"X-Api-Key: ..."`), so calls and expressions (`token = getToken();`) never
// match. Values hold no spaces or colons: sentences and URLs are not credentials.
const SECRET_NAME = `(?:${[
  "password",
  "passwd",
  "(?<![a-z])pass", // DB_PASS, not bypass
  "secret",
  "token",
  "api[_-]?key",
  "secret[_-]?key(?:[_-]?base)?", // Django's SECRET_KEY, Rails' secret_key_base
  "access[_-]?key",
  "private[_-]?key",
  "auth[_-]?key",
  "encryption[_-]?key",
  "signing[_-]?key",
  "master[_-]?key",
  "credentials?",
].join("|")})`;
const TYPE_ANNOTATION = String.raw`:\s*[A-Za-z_][\w.<>|[\]]{0,40}\s*`;
const ASSIGNED = String.raw`(?:["']\s*,|["']?\s*(?:${TYPE_ANNOTATION})?(?::=|=>|=|:))\s*`;
// Values are bounded: a candidate that fails (`token=token=…!`) backtracks over at most MAX_VALUE characters
// instead of the rest of the line, which made a line of `token=` cost the square of its length. Quoted values may
// hold Django's alphabet (`!@#$%^&*(-_=+)`); unquoted ones no parentheses (a call) and no leading `$` (a variable).
const MAX_VALUE = 256;
const QUOTED_VALUE = String.raw`(?<quote>["'\`])(?<quoted>[\w+/=.~!@#$%^&*()-]{1,${MAX_VALUE}})\k<quote>`;
const BARE_VALUE = String.raw`(?<bare>[\w+/=.~!@#%^&*-][\w+/=.~!@#$%^&*-]{0,${MAX_VALUE - 1}})(?:\s*$|(?=["'\`]))`;
const SECRET_ASSIGNMENT = new RegExp(`${SECRET_NAME}${ASSIGNED}(?:${QUOTED_VALUE}|${BARE_VALUE})`, "gi");
// An opaque token in an `Authorization: Bearer` header, in RFC 6750's alphabet.
const BEARER_TOKEN = new RegExp(String.raw`\bBearer\s+(?<bare>[\w.~+/-]{1,${MAX_VALUE}}=*)(?![\w.~+/=-])`, "gi");
// The password of a connection URL (`postgres://user:<password>@host`), every part bounded.
const URL_PASSWORD = new RegExp(
  String.raw`\b[a-z][a-z0-9+.-]{0,20}://[^\s:@/?#'"\`]{0,64}:(?<bare>[^\s:@/?#'"\`]{1,${MAX_VALUE}})@`,
  "gi",
);
const GENERIC_PATTERNS: readonly { pattern: RegExp; kind: string }[] = [
  { pattern: SECRET_ASSIGNMENT, kind: "Possible secret" },
  { pattern: BEARER_TOKEN, kind: "Possible bearer token" },
  { pattern: URL_PASSWORD, kind: "Password in a URL" },
];

// Fewer characters than this cannot tell a random string from a word.
const MIN_SECRET_LENGTH = 16;

// Bits per character. Random base62 strings of 16+ characters average 3.8 (20+: 4.0), while English-like
// phrases ("this-is-not-a-real-secret", "correcthorsebatterystaple") score 3.0–3.4. Hex has only 16 symbols
// (a random 32-digit hex string averages 3.6, and cannot exceed 4), so it gets its own, lower bar.
const MIN_ENTROPY = 3.5;
const MIN_HEX_ENTROPY = 3.0;

const HEX = /^[0-9a-f]+$/i;
// `process.env.API_TOKEN`, `settings.secret_key`: a reference to where the secret lives, not the secret.
const DOTTED_REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const HAS_DIGIT_AND_LETTER = /^(?=.*\d)(?=.*[A-Za-z])/;
// A password's hash (bcrypt's `$2b$12$…`, argon2, scrypt, crypt's `$6$…`, Django's `pbkdf2_sha256$…`), as user
// fixtures hold them: it stands for the password without revealing it.
const PASSWORD_HASH = /^(?:\$(?:2[abxy]|argon2(?:id|i|d)|scrypt|[156])\$|pbkdf2_sha\d+\$)/;

/** A long random-looking value assigned to a secret-sounding name on this line, if any. */
export function genericSecretIn(text: string): FoundSecret | null {
  return everyGenericSecretIn(text)[0] ?? null;
}

/** Every such value on the line. */
export function everyGenericSecretIn(text: string): FoundSecret[] {
  const found: FoundSecret[] = [];
  for (const { pattern, kind } of GENERIC_PATTERNS) {
    for (const match of matchesIn(text, pattern)) {
      const quoted = match.groups?.["quoted"];
      const bare = match.groups?.["bare"];
      const value = quoted ?? bare;
      if (value === undefined || !looksRandom(value)) continue;
      // Unquoted words are usually identifiers or settings; a real key nearly always mixes digits and letters.
      if (bare !== undefined && (DOTTED_REFERENCE.test(bare) || !HAS_DIGIT_AND_LETTER.test(bare))) continue;
      found.push({ rule: "secret/generic", kind, value, visibleChars: 4 });
    }
  }
  return found;
}

function looksRandom(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || isPlaceholderValue(value) || PASSWORD_HASH.test(value)) return false;
  return shannonEntropy(value) >= (HEX.test(value) ? MIN_HEX_ENTROPY : MIN_ENTROPY);
}
