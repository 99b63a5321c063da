import { describe, expect, it } from "vitest";
import type { Finding } from "../../../../src/review/types.js";
import { maskSecret, secretsRule } from "../../../../src/review/rules/secrets.js";
import { addedFile, reviewFile } from "./review-file.js";

// Split so that this file itself holds no secret-shaped literal for a scanner (or nectr) to report.
const awsKeyId = "AKIA" + "WEE6A7FQYQVX4KLM";
const awsSecret = "N8Gmlz7u2CPtgVgTMN0kM+aZygYKGtZ0/KjOlWWQ";
const githubToken = "ghp" + "_bXjAuk5HbNA8YufCf9F5V9yQ81emJT1z1vWh";
const fineGrainedToken =
  "github" + "_pat_R5WpFQ3ahvfqAkrmdw14ct_kD4zizKAFjbCE9m3s1gcPWOZWgQJ4g5dGHkASmD0czPNvEZWNe5ZaupqqA1";
const slackToken = "xoxb" + "-2048193756-4096382715-ILvSc504Y0R9VGZauAHsOVd7";
const slackWebhook = "https://hooks.slack.com/services/" + "T04K2M9QZ/B05L3N8RX/JTjBIHyhaI6Q1sYPeVdXwIKi";
const randomPassword = "JTjBIHyhaI6Q1sYPeVdXwIKi";
const beginPrivateKey = "-----BEGIN RSA " + "PRIVATE KEY-----";
const keyMaterial = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB";
const jwt = [
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
  "eyJzdWIiOiI0MiIsInJvbGUiOiJhZG1pbiJ9",
  "p1BZx8mJ0dVt4kQeR7cL2sWn",
].join(".");
const jwtIoExample = [
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
  "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");

function check(path: string, added: string[]): Finding[] {
  return secretsRule.check([addedFile(path, added)]);
}

function expectNoneToContain(findings: Finding[], secret: string): void {
  for (const finding of findings) expect(JSON.stringify(finding)).not.toContain(secret);
}

describe("secrets", () => {
  it("finds an AWS access key id on an added line and masks it", () => {
    const findings = check("src/config.ts", ["// config", `const keyId = "${awsKeyId}";`]);
    expect(findings).toEqual([
      {
        path: "src/config.ts",
        line: 2,
        startLine: null,
        side: "RIGHT",
        severity: "critical",
        rule: "secret/aws-key",
        title: "AWS access key id added: `AKIA****`",
        body: expect.stringContaining("Revoke or rotate it"),
        suggestion: null,
      },
    ]);
    expectNoneToContain(findings, awsKeyId);
  });

  it("finds an AWS secret access key by the name it is assigned to", () => {
    for (const line of [
      `AWS_SECRET_ACCESS_KEY=${awsSecret}`,
      `aws_secret_access_key = "${awsSecret}"`,
      `  secretAccessKey: '${awsSecret}',`,
    ]) {
      const findings = check("deploy/env", [line]);
      expect(findings.map((finding) => finding.rule)).toEqual(["secret/aws-key"]);
      expect(findings[0]?.title).toBe("AWS secret access key added: `N8Gm****`");
      expectNoneToContain(findings, awsSecret);
    }
  });

  it("finds GitHub tokens of every kind", () => {
    const classic = ["ghp", "gho", "ghu", "ghs", "ghr"].map((prefix) => prefix + githubToken.slice(3));
    const findings = check(
      "ci.yml",
      [...classic, fineGrainedToken].map((token) => `token: ${token}`),
    );
    expect(findings.map(({ rule, line }) => [rule, line])).toEqual(
      [1, 2, 3, 4, 5, 6].map((line) => ["secret/github-token", line]),
    );
    expect(findings[5]?.title).toBe("GitHub fine-grained token added: `github_pat_****`");
    for (const token of [...classic, fineGrainedToken]) expectNoneToContain(findings, token);
  });

  it("finds a Slack token and a Slack webhook URL", () => {
    const findings = check("notify.py", [`SLACK_BOT = "${slackToken}"`, `WEBHOOK = "${slackWebhook}"`]);
    expect(findings.map(({ rule, title }) => [rule, title])).toEqual([
      ["secret/slack-token", "Slack token added: `xoxb****`"],
      ["secret/slack-webhook", "Slack webhook URL added: `https://hooks.slack.com/services/****`"],
    ]);
    expectNoneToContain(findings, slackToken);
    expectNoneToContain(findings, slackWebhook);
  });

  it("finds a private key block in a key file and in a JSON string", () => {
    const keyFile = check("deploy/id_rsa", [
      beginPrivateKey,
      "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB",
    ]);
    expect(keyFile.map(({ rule, line, title }) => [rule, line, title])).toEqual([
      ["secret/private-key", 1, "Private key added"],
    ]);
    const serviceAccount = check("gcp.json", [
      `  "private_key": "-----BEGIN ` + `PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",`,
    ]);
    expect(serviceAccount.map(({ rule }) => rule)).toEqual(["secret/private-key"]);
  });

  it("ignores code that only tests for a private key marker", () => {
    expect(check("src/pem.ts", [`if (pem.startsWith("${beginPrivateKey}")) return "rsa";`])).toEqual([]);
  });

  it("finds a long random value assigned to a secret-sounding name, and masks it", () => {
    for (const line of [
      `password = "${randomPassword}"`,
      `  "clientSecret": "${randomPassword}",`,
      `export API_TOKEN=${randomPassword}`,
      `db_password: ${randomPassword}`,
      `const apiKey = '62fc4efbf6ac073661ba3ff7c0a39d30';`,
    ]) {
      const findings = check("settings.txt", [line]);
      expect(
        findings.map(({ rule }) => rule),
        line,
      ).toEqual(["secret/generic"]);
      expect(findings[0]?.title).toMatch(/^Possible secret added: `\w{4}\*\*\*\*`$/);
      expectNoneToContain(findings, randomPassword);
    }
  });

  it("ignores empty values, placeholders, environment lookups and words", () => {
    const lines = [
      'password = ""',
      "password = process.env.PASSWORD",
      "const token = process.env.GITHUB_TOKEN_V2;",
      "api_token = settings.github_api_token2",
      "token: ${{ secrets.GITHUB_TOKEN }}",
      'api_key = "changeme"',
      'API_KEY = "changeme-changeme-changeme"',
      'secret = "xxxxxxxxxxxxxxxxxxxxxxxx"',
      'password: "${DB_PASSWORD}"',
      'password = "<your password here>"',
      'client_secret = "your-client-secret-123456"',
      'password = "this-is-not-a-real-secret"',
      'tokenizer = "bert-base-multilingual-9f3a7c"',
      "const token = await getToken(client, scope2);",
      'token = "https://auth.mycompany.com/oauth2/v1/token"',
    ];
    expect(check("app.py", lines)).toEqual([]);
  });

  it("ignores AWS's documented example keys, but flags a real-looking key in a Markdown file", () => {
    const exampleKeyId = "AKIA" + "IOSFODNN7EXAMPLE";
    const exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
    expect(
      check("README.md", [`aws_access_key_id = ${exampleKeyId}`, `aws_secret_access_key = ${exampleSecret}`]),
    ).toEqual([]);
    expect(check("README.md", [`aws_access_key_id = ${awsKeyId}`]).map(({ rule }) => rule)).toEqual(["secret/aws-key"]);
  });

  it("reports a secret of a known format once, not again as a generic one", () => {
    const findings = check(".env", [`GITHUB_TOKEN="${githubToken}"`]);
    expect(findings.map(({ rule }) => rule)).toEqual(["secret/github-token"]);
  });

  it("finds a JWT wherever it travels, and masks it to its first characters", () => {
    for (const line of [
      `  headers: { Authorization: "Bearer ${jwt}" },`,
      `SUPABASE_SERVICE_ROLE_KEY=${jwt}`,
      `Cookie: s=${jwt}`,
    ]) {
      const findings = check("src/api.ts", [line]);
      expect(
        findings.map(({ rule, title }) => [rule, title]),
        line,
      ).toEqual([["secret/jwt", "JSON Web Token added: `eyJ****`"]]);
      expectNoneToContain(findings, jwt);
    }
  });

  it("ignores jwt.io's example token, and two segments without a signature", () => {
    expect(check("test/jwt.test.ts", [`expect(isJwt("${jwtIoExample}")).toBe(true);`])).toEqual([]);
    expect(check("src/a.ts", [`const half = "${jwt.split(".").slice(0, 2).join(".")}";`])).toEqual([]);
  });

  it("finds the keys of services by their prefix, with no telling name needed", () => {
    const keys: [string, string, string][] = [
      ["sk" + "_live_51HxQeGqNldpTNdCMv31x1v1dBVevclq3ivh1tZNQF5F", "secret/stripe-key", "Stripe live secret key"],
      ["AI" + "zaSyRJzxTyPhXskh4OpUCUdFMghvjRgsvy5dc", "secret/google-api-key", "Google API key"],
      ["npm" + "_5RiV7jSAH3Uhx1F5mS6Nnbj9jEvPa8dTXILo", "secret/npm-token", "npm access token"],
      ["glpat" + "-b36QdH6DHkenJySkYK4z", "secret/gitlab-token", "GitLab personal access token"],
      ["sk-" + "qvbjIrFhuoB0POohBwNnT3BlbkFJCTDC6vyEDnf39WvkoL7x", "secret/openai-key", "OpenAI API key"],
      ["sk-ant" + `-api03-${"a1B2c3D4e5".repeat(9)}xyzAA`, "secret/anthropic-key", "Anthropic API key"],
      [
        "SG" + ".rmBWen4MznpGesOjzhIEC4.iPNfS3-qyVnqapN6pLqzpBCp2jD4HQmYGBpmPqXEwHD",
        "secret/sendgrid-key",
        "SendGrid API key",
      ],
      ["xapp" + "-1-A07QK2N4H3R-7730492183377-4f1d2c9ab7e3506d8c1e9f2a7b4d6c03", "secret/slack-token", "Slack token"],
    ];
    for (const [key, rule, kind] of keys) {
      const findings = check("deploy/run.sh", [`curl -s "https://api.example.net/v1?k=${key}"`]);
      expect(
        findings.map((finding) => [finding.rule, finding.title.split(" added")[0]]),
        key,
      ).toEqual([[rule, kind]]);
      expectNoneToContain(findings, key);
    }
  });

  it("leaves Stripe's test-mode keys out", () => {
    expect(check("docs/payments.md", ["Stripe.api_key = 'sk" + "_test_4eC39HqLyjWDarjtT1zdp7dc'"])).toEqual([]);
  });

  it("finds a private key opened in a string literal, or pasted as strings joined over lines", () => {
    for (const line of [`const key = \`${beginPrivateKey}`, `KEY = """${beginPrivateKey}`, `PEM="${beginPrivateKey}`]) {
      expect(
        check("src/keys.ts", [line, keyMaterial]).map(({ rule, line }) => [rule, line]),
        line,
      ).toEqual([["secret/private-key", 1]]);
    }
    const joined = check("src/Keys.java", [
      `  static final String KEY = "${beginPrivateKey}\\n"`,
      `      + "${keyMaterial}\\n"`,
    ]);
    expect(joined.map(({ rule, line }) => [rule, line])).toEqual([["secret/private-key", 1]]);
  });

  it("ignores a private key marker followed by code", () => {
    const lines = [`HEADER = "${beginPrivateKey}\\n"`, "body = base64.b64encode(der).decode()"];
    expect(check("pem.py", lines)).toEqual([]);
  });

  it("finds generic secrets typed, in a call's name and value, in Django's alphabet and in settings files", () => {
    for (const [path, line] of [
      ["src/geo.ts", `  private readonly apiKey: string = "${randomPassword}";`],
      ["app/crm.py", `    api_token: str = "${randomPassword}"`],
      ["wp-config.php", `define( 'DB_PASSWORD', '${randomPassword}' );`],
      ["settings.py", `SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${randomPassword}")`],
      ["settings.py", "SECRET_KEY = 'django-insecure-" + "#f-c!6wib^el6c2*xylo6(-_tocy+y$xv_d!vp6@qe)hjj3d=*'"],
      ["config/secrets.yml", `  secret_key_base: ${"62fc4efbf6ac073661ba3ff7c0a39d30".repeat(4)}`],
      ["config/database.yml", "  password: " + "GjJ1TyiOYSZ9lN%q#WU!FY8C"],
      [".env", `DB_PASS=${randomPassword}`],
      ["purge.sh", `curl -H "X-Api-Key: ${randomPassword}" https://cdn.example.net/purge`],
    ]) {
      expect(
        check(path ?? "", [line ?? ""]).map(({ rule }) => rule),
        line,
      ).toEqual(["secret/generic"]);
    }
  });

  it("finds an opaque bearer token and the password of a connection URL", () => {
    expect(check("src/push.ts", [`headers: { Authorization: "Bearer ${randomPassword}" }`])[0]?.title).toBe(
      "Possible bearer token added: `JTjB****`",
    );
    const url = check(".env", [`DATABASE_URL=postgres://orders:${randomPassword}@db:5432/orders`]);
    expect(url.map(({ rule, title }) => [rule, title])).toEqual([
      ["secret/generic", "Password in a URL added: `JTjB****`"],
    ]);
    expectNoneToContain(url, randomPassword);
  });

  it("ignores counting-up and self-naming placeholders, variables, calls and URLs without a real password", () => {
    const lines = [
      'clientSecret: "1234567890abcdef1234567890abcdef12345678",',
      'access_token: "existingtoken123",',
      'const APP_SECRET = "app-webhook-secret-for-tests";',
      "PASSWORD=$RANDOM_PASSWORD_V2",
      "password = hashlib.sha256(salt2).hexdigest()",
      'Authorization: "Bearer " + token',
      "Authorization: Bearer ${GITHUB_TOKEN}",
      "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app",
      'url = "redis://:${REDIS_PASSWORD}@cache:6379/0"',
      "pass: true",
      "bypass = 8f3a9c2e71b64d05a9e3",
      '"hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",',
      'password = "pbkdf2_sha256$600000$Xk2vQ8mR$c3Rvcm1hbnR3ZWFrcGFzc3dvcmRoYXNo"',
    ];
    expect(check("app.py", lines)).toEqual([]);
  });

  it("ignores a secret on a deleted or context line", () => {
    const file = reviewFile("src/config.ts", [
      `-const old = "${awsKeyId}";`,
      ` const kept = "${githubToken}";`,
      "+const id = 1;",
    ]);
    expect(secretsRule.check([file])).toEqual([]);
  });

  it("skips binary and removed files", () => {
    const line = `token = "${githubToken}"`;
    expect(secretsRule.check([addedFile("a.bin", [line], { binary: true })])).toEqual([]);
    expect(secretsRule.check([addedFile("gone.env", [line], { status: "removed" })])).toEqual([]);
  });

  it("masks to a short prefix, and never more than half of a value", () => {
    expect(maskSecret("ghp_abcdefgh", 4)).toBe("ghp_****");
    expect(maskSecret("abcdef", 11)).toBe("abc****");
  });
});
