import { describe, expect, it } from "vitest";
import { LruCache } from "../../../src/github/lru-cache.js";

describe("LruCache", () => {
  it("forgets the least recently used entry past its size", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.size).toBe(2);
  });

  it("forgets an entry after its time to live", () => {
    let now = 0;
    const cache = new LruCache<string, string>(10, () => now);
    cache.set("open", "x", 60_000);
    now = 59_999;
    expect(cache.get("open")).toBe("x");
    now = 60_000;
    expect(cache.get("open")).toBeUndefined();
  });
});
