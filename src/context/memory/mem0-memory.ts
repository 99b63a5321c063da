import { z } from "zod";
import { InternalError } from "../../errors.js";
import { loadMem0OssRecords, type Mem0OssOptions } from "./mem0-oss-records.js";
import { loadMem0PlatformRecords, type Mem0PlatformOptions } from "./mem0-platform-records.js";
import type { Mem0Record, Mem0Records } from "./mem0-records.js";
import type { MemoryItem, NewMemory } from "../../review/review-context.js";
import type { ReviewMemory } from "./review-memory.js";
import { searchWords } from "./search-words.js";

export type Mem0MemoryOptions = ({ mode: "platform" } & Mem0PlatformOptions) | ({ mode: "oss" } & Mem0OssOptions);

/** What nectr stores with each memory; a memory without it was not written by nectr. */
const nectrMetadata = z.object({
  kind: z.enum(["pattern", "decision", "risk", "habit", "rule"]),
  source: z.enum(["learned", "user"]),
  repo: z.string(),
  addedAt: z.string(),
});

/**
 * Review memory in Mem0: the hosted platform or the OSS library. Each repository is one Mem0
 * user (`repo:owner/name`, lower-cased, as GitHub names are case-insensitive), and every answer
 * is checked against it again, so nothing of another repo is returned or deleted. mem0ai is
 * loaded on first use: it is heavy, and most runs never touch memory.
 */
export function createMem0Memory(options: Mem0MemoryOptions): ReviewMemory {
  let loading: Promise<Mem0Records> | undefined;
  const records = () =>
    (loading ??= options.mode === "platform" ? loadMem0PlatformRecords(options) : loadMem0OssRecords(options));

  async function list(repo: string): Promise<MemoryItem[]> {
    const userId = mem0UserId(repo);
    const items = (await (await records()).list(userId)).flatMap((record) => toItem(record, userId) ?? []);
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function addOnce(repo: string, memory: NewMemory): Promise<MemoryItem> {
    const existing = (await list(repo)).find((item) => item.text === memory.text);
    if (existing) return existing;
    const userId = mem0UserId(repo);
    const { kind, source, text } = memory;
    const metadata = { kind, source, repo, addedAt: new Date().toISOString() };
    const stored = toItem(await (await records()).add(text, userId, metadata), userId);
    if (!stored) throw new InternalError(`Mem0 answered an add to ${repo} with another memory`);
    return stored;
  }

  let adding: Promise<unknown> = Promise.resolve();
  return {
    add(repo, memory) {
      // Mem0 has no unique texts: one add at a time, so two reviews learning the same thing at
      // once still leave one memory.
      const added = adding.then(() => addOnce(repo, memory));
      adding = added.catch(() => undefined);
      return added;
    },
    list,
    async delete(repo, id) {
      const mem0 = await records();
      const record = await mem0.get(id);
      if (!record || !toItem(record, mem0UserId(repo))) return false;
      await mem0.delete(id);
      return true;
    },
    async search(repo, query, limit) {
      if (limit <= 0) return [];
      const rules = (await list(repo)).filter((item) => item.source === "user").slice(0, limit);
      // A query without words has nothing to rank by (Mem0 would score every memory NaN and return all).
      if (rules.length === limit || searchWords(query).length === 0) return rules;
      const userId = mem0UserId(repo);
      const found = (await (await records()).search(query, userId, limit)).flatMap(
        (record) => toItem(record, userId) ?? [],
      );
      return [...rules, ...found.filter((item) => item.source !== "user")].slice(0, limit);
    },
    // Neither Mem0 client has anything to close: the OSS library keeps its SQLite files open
    // for the life of the process.
    async close() {},
  };
}

function mem0UserId(repo: string): string {
  return `repo:${repo.toLowerCase()}`;
}

/** The memory as nectr knows it, or undefined when it is not nectr's or not this user's. */
function toItem(record: Mem0Record, userId: string): MemoryItem | undefined {
  const metadata = nectrMetadata.safeParse(record.metadata);
  if (record.userId !== userId || !metadata.success) return undefined;
  const { kind, source, repo, addedAt } = metadata.data;
  return { id: record.id, repo, kind, source, text: record.text, createdAt: addedAt };
}
