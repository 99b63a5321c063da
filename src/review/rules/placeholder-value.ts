// Words and shapes people put in examples, templates and docs instead of a real credential. AWS's documented
// example keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) end in EXAMPLE, so they land here:
// a key that says it is an example cannot be a live one, and flagging docs that quote them would only be noise.
const PLACEHOLDER =
  /example|sample|changeme|change_me|replace_?me|placeholder|dummy|redacted|fake|your[_-]|x{4,}|\*{4,}|\.{3}|<[^<>]*>|\$\{|\{\{|%\(|(.)\1{7,}/i;

// Six characters counting up (`123456`, `abcdef`), as in docs' `clientSecret: "1234567890abcdef…"`: a random key of
// 40 characters holds such a run about once in 50 million.
const COUNTING_UP = new RegExp(
  ["0123456789", "abcdefghijklmnopqrstuvwxyz"]
    .flatMap((alphabet) => Array.from({ length: alphabet.length - 5 }, (_, start) => alphabet.slice(start, start + 6)))
    .join("|"),
  "i",
);

// A value that spells out what it stands for (`existingtoken123`, `app-webhook-secret-for-tests`) was written by
// a person, not drawn at random.
const NAMES_ITSELF = /token|secret|passw(?:or)?d|api[_-]?key/i;

// The signature of the token jwt.io shows and the JWT docs and libraries copy: the JWT world's AKIA…EXAMPLE.
const JWT_IO_EXAMPLE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

// Stripe's test-mode keys: Stripe's docs print one on every page, and a test key moves no money.
const STRIPE_TEST_MODE = /^[prs]k_test_/;

export function isPlaceholderValue(value: string): boolean {
  return (
    PLACEHOLDER.test(value) ||
    COUNTING_UP.test(value) ||
    NAMES_ITSELF.test(value) ||
    value.includes(JWT_IO_EXAMPLE) ||
    STRIPE_TEST_MODE.test(value)
  );
}
