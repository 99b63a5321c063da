// Mem0's OSS library, run fully offline: embeddings and chat from the project's LLM fake
// (bag-of-words vectors), vectors and history in SQLite files in a temp folder, telemetry off.
// It meets the whole contract end to end, so the same suite runs against it as against SQLite:
// memories are added with `infer: false` (stored as given, so no chat completion is ever asked
// for), listed and searched by the `user_id` filter, and ranked by Mem0's own mix of vector
// similarity and BM25.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMem0Memory } from "../../../src/context/memory/mem0-memory.js";
import { describeReviewMemoryContract } from "../../contract/review-memory-contract.js";
import { LlmFake } from "../../harness/llm-fake/server.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

let llm: LlmFake;

beforeAll(async () => {
  process.env.MEM0_DIR = tempDir("nectr-mem0-");
  llm = await LlmFake.start();
});
afterAll(async () => {
  await llm.close();
  removeTempDirs();
});

const createOssMemory = (dataDir = tempDir()) =>
  createMem0Memory({
    mode: "oss",
    dataDir,
    baseURL: llm.url,
    apiKey: "test-key",
    embeddingModel: "text-embedding-3-small",
    llmModel: "gpt-4o-mini",
  });

describeReviewMemoryContract("Mem0 OSS", async () => createOssMemory());

describe("Mem0 OSS review memory", () => {
  it("stores memories as given, without asking the LLM to extract facts", async () => {
    const memory = createOssMemory();
    await memory.add("acme/app", { kind: "decision", text: "We deploy on Fridays, carefully", source: "user" });
    expect(await memory.list("acme/app")).toMatchObject([{ text: "We deploy on Fridays, carefully" }]);
    expect(llm.chats).toEqual([]);
  });

  it("keeps Mem0's SQLite files in the mem0 folder of nectr's data folder", async () => {
    const dataDir = tempDir();
    await createOssMemory(dataDir).add("acme/app", { kind: "habit", text: "Small PRs", source: "learned" });
    expect(readdirSync(path.join(dataDir, "mem0"))).toEqual(expect.arrayContaining(["history.db", "memories.db"]));
  });
});
