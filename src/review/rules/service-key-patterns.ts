import type { SecretPattern } from "./secret-patterns.js";

// API keys of services whose keys carry a prefix of their own, so they are found wherever they sit, not only
// when assigned to a telling name. Shapes as gitleaks' rules give them (its rule set is the reference), lengths
// exact or bounded so that a run of key characters costs one pass. Stripe's test-mode keys (`sk_test_`) are left
// out on purpose (see placeholder-value.ts).
export const SERVICE_KEY_PATTERNS: readonly SecretPattern[] = [
  {
    rule: "secret/stripe-key",
    kind: "Stripe live secret key",
    pattern: /\b(?<secret>[rs]k_live_[0-9A-Za-z]{24,247})\b/g,
    visibleChars: 8,
  },
  {
    rule: "secret/google-api-key",
    kind: "Google API key",
    pattern: /(?<![\w-])(?<secret>AIza[\w-]{35})(?![\w-])/g,
    visibleChars: 4,
  },
  {
    rule: "secret/npm-token",
    kind: "npm access token",
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})\b/g,
    visibleChars: 4,
  },
  {
    // A personal access token: 20 characters, or the routable kind with a dot and a 9-character checksum.
    rule: "secret/gitlab-token",
    kind: "GitLab personal access token",
    pattern: /(?<![\w-])(?<secret>glpat-(?:[\w-]{20}|[\w-]{27,300}\.[0-9a-z]{9}))(?![\w.-])/g,
    visibleChars: 6,
  },
  {
    // `T3BlbkFJ` is "OpenAI" in base64, in the middle of every key: legacy `sk-`, project, service-account, admin.
    rule: "secret/openai-key",
    kind: "OpenAI API key",
    pattern: /(?<![\w-])(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,74}T3BlbkFJ[\w-]{20,74})(?![\w-])/g,
    visibleChars: 3,
  },
  {
    rule: "secret/anthropic-key",
    kind: "Anthropic API key",
    pattern: /(?<![\w-])(?<secret>sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/g,
    visibleChars: 7,
  },
  {
    rule: "secret/sendgrid-key",
    kind: "SendGrid API key",
    pattern: /(?<![\w.-])(?<secret>SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/g,
    visibleChars: 3,
  },
];
