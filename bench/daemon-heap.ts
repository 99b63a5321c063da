// The JavaScript heap a daemon keeps, for daemon-history.ts: RSS alone cannot tell objects held
// (a leak) from memory the allocator keeps after a busy spell. The daemon runs with the
// inspector on a free loopback port (NODE_OPTIONS); this asks it, over the DevTools protocol, for
// a full garbage collection and then for process.memoryUsage().
import { z } from "zod";

/** For the daemon's NODE_OPTIONS: its inspector on a free loopback port, announced on stderr. */
export const INSPECTOR_OPTION = "--inspect=127.0.0.1:0";

const answer = z.object({ id: z.number(), result: z.unknown() });
const evaluated = z.object({ result: z.object({ value: z.string() }) });
const memoryUsage = z.object({ heapUsed: z.number(), rss: z.number() });

export interface HeapReader {
  /** Bytes: heap used and RSS, both right after a full GC. */
  afterFullGc(): Promise<{ heapUsed: number; rss: number }>;
  close(): void;
}

/** Connects to the inspector whose "Debugger listening on ws://…" line is in `logs`. */
export async function connectHeapReader(logs: string): Promise<HeapReader> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(logs)?.[1];
  if (!url) throw new Error("the daemon did not start its inspector (NODE_OPTIONS=--inspect…)");
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const parsed = answer.safeParse(JSON.parse(String(event.data)));
    if (parsed.success) waiting.get(parsed.data.id)?.(parsed.data.result);
  });
  let lastId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      lastId += 1;
      waiting.set(lastId, resolve);
      socket.send(JSON.stringify({ id: lastId, method, params }));
    });
  return {
    async afterFullGc() {
      await call("HeapProfiler.collectGarbage");
      const result = await call("Runtime.evaluate", {
        expression: "JSON.stringify(process.memoryUsage())",
        returnByValue: true,
      });
      return memoryUsage.parse(JSON.parse(evaluated.parse(result).result.value));
    },
    close: () => socket.close(),
  };
}
