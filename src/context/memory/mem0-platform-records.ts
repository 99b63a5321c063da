import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { RemoteError } from "../../errors.js";
import { toMem0Record, toMem0Records, type Mem0Record, type Mem0Records } from "./mem0-records.js";

export interface Mem0PlatformOptions {
  apiKey: string;
  /** Defaults to https://api.mem0.ai. */
  host?: string;
}

const PAGE_SIZE = 100;
/**
 * The platform stores an added memory in the background and answers with an event id, not the
 * memory (https://docs.mem0.ai/api-reference/memory/add-memories): nectr looks for it by its
 * text, at once and then every half second for up to ten seconds.
 */
const ADD_WAIT_MS = 10_000;
const ADD_LOOKUP_INTERVAL_MS = 500;

/** The hosted Mem0 platform (or a self-hosted server speaking its API) through `MemoryClient`. */
export async function loadMem0PlatformRecords(options: Mem0PlatformOptions): Promise<Mem0Records> {
  // Mem0 reads this when its module loads: off, it posts no usage events.
  process.env.MEM0_TELEMETRY = "false";
  const { MemoryClient, MemoryNotFoundError, ValidationError } = await import("mem0ai");
  const client = new MemoryClient({ apiKey: options.apiKey, ...(options.host ? { host: options.host } : {}) });

  async function list(userId: string): Promise<Mem0Record[]> {
    const records: Mem0Record[] = [];
    for (let page = 1; ; page++) {
      const answer = await client.getAll({ filters: { user_id: userId }, page, pageSize: PAGE_SIZE });
      records.push(...toMem0Records(answer));
      if (!hasNextPage(answer)) return records;
    }
  }

  return {
    async add(text, userId, metadata) {
      await client.add([{ role: "user", content: text }], { userId, metadata, infer: false });
      const deadline = Date.now() + ADD_WAIT_MS;
      for (;;) {
        const stored = (await list(userId)).find((record) => record.text === text);
        if (stored) return stored;
        if (Date.now() >= deadline) {
          throw new RemoteError(`Mem0 has not stored the memory "${text}" after ${ADD_WAIT_MS / 1000} s`, {
            hint: "check the Mem0 platform's status, then try again",
          });
        }
        await sleep(ADD_LOOKUP_INTERVAL_MS);
      }
    },
    list,
    async search(query, userId, limit) {
      return toMem0Records(await client.search(query, { filters: { user_id: userId }, topK: limit }));
    },
    async get(id) {
      try {
        return toMem0Record(await client.get(id));
      } catch (error) {
        // The SDK turns a 404 (no such memory) into MemoryNotFoundError and a 400 or 422 (an id
        // the platform cannot read) into ValidationError: either way, no memory of ours.
        if (error instanceof MemoryNotFoundError || error instanceof ValidationError) return undefined;
        throw error;
      }
    },
    async delete(id) {
      await client.delete(id);
    },
  };
}

function hasNextPage(answer: unknown): boolean {
  const parsed = z.object({ next: z.string().nullish() }).safeParse(answer);
  return parsed.success && Boolean(parsed.data.next);
}
