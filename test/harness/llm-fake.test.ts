import OpenAI from "openai";
import { z } from "zod";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LlmFake } from "./llm-fake/server.js";

let fake: LlmFake;
let client: OpenAI;

beforeEach(async () => {
  fake = await LlmFake.start({ apiKey: "sk-test" });
  client = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0 });
});
afterEach(async () => fake.close());

describe("LLM fake: speaks the OpenAI API to the openai SDK", () => {
  it("answers chat completions in order with scripted text and usage, and records the prompts", async () => {
    fake.script({ content: "first" }, { content: "second", usage: { promptTokens: 1234, completionTokens: 56 } });
    const one = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "review this" },
      ],
    });
    const two = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "again" }],
    });
    expect(one.choices[0]?.message.content).toBe("first");
    expect(one.usage?.prompt_tokens).toBe(Math.ceil("be brief\nreview this".length / 4));
    expect(two.usage).toMatchObject({ prompt_tokens: 1234, completion_tokens: 56, total_tokens: 1290 });
    expect(fake.chats.map((chat) => chat.messages.at(-1)?.content)).toEqual(["review this", "again"]);
    expect(
      (await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })).choices[0]
        ?.message.content,
    ).toBe("OK");
  });

  it("returns structured output that the SDK parses, and records the requested schema", async () => {
    const Verdict = z.object({ verdict: z.enum(["approve", "comment"]), findings: z.array(z.string()) });
    fake.script({ json: { verdict: "comment", findings: ["a"] } });
    const { zodResponseFormat } = await import("openai/helpers/zod");
    const completion = await client.chat.completions.parse({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "judge" }],
      response_format: zodResponseFormat(Verdict, "verdict"),
    });
    expect(completion.choices[0]?.message.parsed).toEqual({ verdict: "comment", findings: ["a"] });
    expect(fake.chats[0]?.responseFormat).toMatchObject({ type: "json_schema", json_schema: { name: "verdict" } });
  });

  it("serves embeddings and the model list", async () => {
    const result = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["retry the webhook", "retry the webhook later", "bananas"],
      dimensions: 64,
    });
    const [a, b, c] = result.data.map((item) => item.embedding);
    const cosine = (x: number[] = [], y: number[] = []) =>
      x.reduce((sum, value, index) => sum + value * (y[index] ?? 0), 0);
    expect(a).toHaveLength(64);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
    expect((await client.models.list()).data.map((model) => model.id)).toContain("gpt-4o-mini");
  });

  it("fails on request: an error status, a malformed body, a slow answer past the client's timeout, a wrong key", async () => {
    const ask = () => client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] });
    fake.script({ status: 503, errorMessage: "overloaded" });
    await expect(ask()).rejects.toMatchObject({ status: 503 });
    fake.script({ rawBody: '{"choices": [' });
    await expect(ask()).rejects.toThrow();
    fake.script({ delayMs: 2_000, content: "late" });
    const impatient = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0, timeout: 200 });
    await expect(
      impatient.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toThrow(/timed out/i);
    const wrongKey = new OpenAI({ apiKey: "sk-wrong", baseURL: fake.url, maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toMatchObject({ status: 401 });
  });
});
