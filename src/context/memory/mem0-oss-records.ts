import path from "node:path";
import type { Memory } from "mem0ai/oss";
import { InternalError } from "../../errors.js";
import { toMem0Record, toMem0Records, type Mem0Records } from "./mem0-records.js";

export interface Mem0OssOptions {
  /** nectr's data folder: Mem0's SQLite files go in its `mem0/` folder. */
  dataDir: string;
  /** An OpenAI-compatible endpoint serving both embeddings and chat completions. */
  baseURL: string;
  apiKey: string;
  embeddingModel: string;
  llmModel: string;
}

/** nectr keeps tens to hundreds of memories a repo; Mem0 lists only as many as it is asked for. */
const LIST_LIMIT = 10_000;

/** Mem0's open-source library, in process: vectors and history in SQLite under the data folder. */
export async function loadMem0OssRecords(options: Mem0OssOptions): Promise<Mem0Records> {
  const folder = path.join(options.dataDir, "mem0");
  // Mem0 reads this when its module loads: off, it neither posts usage events nor shows notices.
  process.env.MEM0_TELEMETRY = "false";
  // Mem0 writes a config.json to MEM0_DIR (default ~/.mem0) even with telemetry off.
  process.env.MEM0_DIR ??= folder;
  const { Memory } = await import("mem0ai/oss");
  const endpoint = { baseURL: options.baseURL, apiKey: options.apiKey };
  const memory = new Memory({
    embedder: { provider: "openai", config: { ...endpoint, model: options.embeddingModel } },
    llm: { provider: "openai", config: { ...endpoint, model: options.llmModel } },
    vectorStore: { provider: "memory", config: { dbPath: path.join(folder, "memories.db") } },
    historyDbPath: path.join(folder, "history.db"),
  });
  return {
    async add(text, userId, metadata) {
      const added = toMem0Records(await memory.add(text, { userId, metadata, infer: false }));
      const id = added[0]?.id;
      const stored = id === undefined ? undefined : await readMemory(memory, id);
      if (!stored) throw new InternalError(`Mem0 did not store the memory "${text}"`);
      return stored;
    },
    async list(userId) {
      return toMem0Records(await memory.getAll({ filters: { user_id: userId }, topK: LIST_LIMIT }));
    },
    async search(query, userId, limit) {
      return toMem0Records(await memory.search(query, { filters: { user_id: userId }, topK: limit }));
    },
    get: (id) => readMemory(memory, id),
    async delete(id) {
      await memory.delete(id);
    },
  };
}

async function readMemory(memory: Memory, id: string) {
  return toMem0Record(await memory.get(id));
}
