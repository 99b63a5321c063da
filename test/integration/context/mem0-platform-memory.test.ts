// The Mem0 platform cannot be reached from here, so its side runs as a local fake of the few
// endpoints `MemoryClient` calls (mem0-platform-fake.ts), shaped after the SDK's types and the API
// reference. This tests nectr's side of that wire through the real client: requests scoped to the
// repo's user with `infer: false`, paged lists, waiting for a memory the platform stores in the
// background, 404/400 answers read as "no such memory". Ranking here is the fake's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMem0Memory } from "../../../src/context/memory/mem0-memory.js";
import { describeReviewMemoryContract } from "../../contract/review-memory-contract.js";
import { Mem0PlatformFake } from "./mem0-platform-fake.js";

let platform: Mem0PlatformFake;

beforeAll(async () => {
  platform = await Mem0PlatformFake.start();
});
afterAll(async () => {
  await platform.close();
});

const createPlatformMemory = () => createMem0Memory({ mode: "platform", apiKey: platform.apiKey, host: platform.url });

describeReviewMemoryContract("Mem0 platform", async () => {
  platform.memories.length = 0;
  return createPlatformMemory();
});

describe("Mem0 platform review memory", () => {
  it("stores the text as given under the repo's Mem0 user, with nectr's metadata", async () => {
    const memory = createPlatformMemory();
    await memory.add("Acme/App", { kind: "risk", text: "Billing code is fragile", source: "learned" });
    expect(platform.addRequests.at(-1)).toMatchObject({
      messages: [{ role: "user", content: "Billing code is fragile" }],
      user_id: "repo:acme/app",
      infer: false,
      metadata: { kind: "risk", source: "learned", repo: "Acme/App" },
    });
  });

  it("waits for a memory the platform stores in the background", async () => {
    platform.processingMs = 300;
    try {
      const added = await createPlatformMemory().add("acme/slow", { kind: "habit", text: "Slow", source: "learned" });
      expect(added).toMatchObject({ repo: "acme/slow", text: "Slow" });
      expect(platform.memories.find((stored) => stored.memory === "Slow")?.id).toBe(added.id);
    } finally {
      platform.processingMs = 0;
    }
  });
});
