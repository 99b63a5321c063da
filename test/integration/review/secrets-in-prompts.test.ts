import { countTokens } from "gpt-tokenizer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiLlm } from "../../../src/llm/openai-llm.js";
import { linearTokenCounter } from "../../../src/review/linear-token-count.js";
import type { ChangeSource, ListedFile } from "../../../src/review/ports.js";
import { runReview } from "../../../src/review/run-review.js";
import { addedListedFile, changeInfo, inMemorySource } from "../../harness/in-memory-change-source.js";
import { LlmFake } from "../../harness/llm-fake/server.js";

// Split so that this file holds no secret-shaped literal for a scanner (or nectr) to report.
const TOKEN = "ghp" + "_bXjAuk5HbNA8YufCf9F5V9yQ81emJT1z1vWh";
const KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

let llm: LlmFake;
beforeEach(async () => {
  llm = await LlmFake.start();
  llm.fallback = () => ({ json: { summary: "ok", keyChanges: [], verdict: "comment", findings: [] } });
});
afterEach(() => llm.close());

async function promptOf(source: ChangeSource): Promise<string> {
  const model = createOpenAiLlm({ baseUrl: llm.url, apiKey: undefined, model: "gpt-4o-mini", timeoutMs: 5000 });
  await runReview(
    { source, llm: model, countTokens: linearTokenCounter(countTokens) },
    { tokensPerCall: 40_000, maxCalls: 2, maxOutputTokens: 500, boundary: "b0undary" },
  );
  return JSON.stringify(llm.chats);
}

describe("secrets in what the LLM is sent", () => {
  it("masks a token on a kept and a deleted line, and in the PR's description, as the findings show it", async () => {
    const changed: ListedFile = {
      path: "ci.yml",
      previousPath: null,
      status: "modified",
      additions: 1,
      deletions: 1,
      patch: `@@ -1,3 +1,3 @@\n name: ci\n-old: ${TOKEN}\n+new: value\n keep: ${TOKEN}`,
    };
    const prompt = await promptOf(inMemorySource([changed], changeInfo({ body: `It uses ${TOKEN}.` })));
    expect(prompt).not.toContain(TOKEN);
    expect(prompt).toContain("keep: ghp_****");
  });

  it("masks a private key's lines whole", async () => {
    const key = ["-----BEGIN RSA " + "PRIVATE KEY-----", KEY_BODY, KEY_BODY, "-----END RSA PRIVATE KEY-----"];
    const prompt = await promptOf(inMemorySource([addedListedFile("deploy/key.pem", key)]));
    expect(prompt).not.toContain(KEY_BODY);
    expect(prompt).toContain("PRIVATE KEY-----****");
  });

  it("masks a token that the 4,000-character clip would cut in two", async () => {
    const line = `${"x".repeat(3_990)} ${TOKEN}`;
    const prompt = await promptOf(inMemorySource([addedListedFile("data/blob.txt", [line])]));
    expect(prompt).not.toContain(TOKEN.slice(0, 9));
  });
});
