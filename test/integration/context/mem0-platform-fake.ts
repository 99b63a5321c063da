import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";

interface StoredMemory {
  id: string;
  memory: string;
  user_id: string;
  metadata: Record<string, unknown>;
  created_at: string;
}

const addBody = z.object({
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  user_id: z.string(),
  metadata: z.record(z.string(), z.unknown()).default({}),
  infer: z.boolean().default(true),
});
const filtersBody = z.object({ filters: z.object({ user_id: z.string() }) });
const searchBody = filtersBody.extend({ query: z.string(), top_k: z.number().default(10) });

/**
 * The few endpoints of the Mem0 platform that `MemoryClient` calls for nectr, on 127.0.0.1, shaped
 * after the SDK's types and the API reference (https://docs.mem0.ai/api-reference): adds answer
 * with a queued event and store `processingMs` later; lists come in pages of at most
 * `maxPageSize`; search ranks by shared words. Requests must carry `Token <apiKey>`.
 */
export class Mem0PlatformFake {
  readonly memories: StoredMemory[] = [];
  readonly addRequests: z.infer<typeof addBody>[] = [];
  processingMs = 0;
  maxPageSize = 2;

  private readonly server: Server;
  readonly url: string;
  readonly apiKey: string;

  private constructor(server: Server, url: string, apiKey: string) {
    this.server = server;
    this.url = url;
    this.apiKey = apiKey;
  }

  static async start(apiKey = "m0-test-key"): Promise<Mem0PlatformFake> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("the Mem0 platform fake has no port");
    const fake = new Mem0PlatformFake(server, `http://127.0.0.1:${address.port}`, apiKey);
    server.on("request", (request, response) => void fake.serve(request, response));
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    if (request.headers.authorization !== `Token ${this.apiKey}`)
      return send(response, 401, { detail: "Invalid API key" });
    const url = new URL(request.url ?? "/", this.url);
    const body: unknown = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /v1/ping/") return send(response, 200, { status: "ok", org_id: "org", project_id: "project" });
    if (route === "POST /v3/memories/add/") return this.add(addBody.parse(body), response);
    if (route === "POST /v3/memories/") return this.list(filtersBody.parse(body), url, response);
    if (route === "POST /v3/memories/search/") return this.search(searchBody.parse(body), response);
    const id = /^\/v1\/memories\/([^/]+)\/$/.exec(url.pathname)?.[1];
    if (id && (request.method === "GET" || request.method === "DELETE")) return this.one(request.method, id, response);
    send(response, 404, { detail: `no route ${route}` });
  }

  private add(body: z.infer<typeof addBody>, response: ServerResponse): void {
    this.addRequests.push(body);
    const store = () => {
      for (const message of body.messages) {
        const memory = { id: randomUUID(), memory: message.content, user_id: body.user_id, metadata: body.metadata };
        this.memories.push({ ...memory, created_at: new Date().toISOString() });
      }
    };
    if (this.processingMs > 0) setTimeout(store, this.processingMs);
    else store();
    send(response, 200, { message: "Memory processing has been queued", status: "PENDING", event_id: randomUUID() });
  }

  private list({ filters }: z.infer<typeof filtersBody>, url: URL, response: ServerResponse): void {
    const page = Number(url.searchParams.get("page") ?? "1");
    const size = Math.min(Number(url.searchParams.get("page_size") ?? "100"), this.maxPageSize);
    const owned = this.memories.filter((memory) => memory.user_id === filters.user_id);
    const next = page * size < owned.length ? `${this.url}/v3/memories/?page=${page + 1}&page_size=${size}` : null;
    send(response, 200, {
      count: owned.length,
      next,
      previous: null,
      results: owned.slice((page - 1) * size, page * size),
    });
  }

  private search(body: z.infer<typeof searchBody>, response: ServerResponse): void {
    const queryWords = new Set(words(body.query));
    const results = this.memories
      .filter((memory) => memory.user_id === body.filters.user_id)
      .map((memory) => ({ ...memory, score: words(memory.memory).filter((word) => queryWords.has(word)).length }))
      .filter((memory) => memory.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, body.top_k);
    send(response, 200, { results });
  }

  private one(method: string, id: string, response: ServerResponse): void {
    if (!/^[0-9a-f-]{36}$/.test(id)) return send(response, 400, { detail: "Invalid memory id" });
    const index = this.memories.findIndex((memory) => memory.id === id);
    if (index < 0) return send(response, 404, { detail: "Memory not found" });
    if (method === "GET") return send(response, 200, this.memories[index]);
    this.memories.splice(index, 1);
    send(response, 200, { message: "Memory deleted successfully!" });
  }
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
