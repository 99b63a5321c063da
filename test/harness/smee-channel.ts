import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for a smee.io channel, speaking its format: a POST to the channel is sent as
 * one server-sent event (the headers as keys, the parsed JSON under "body") to every listener.
 * It can drop its streams, or refuse the next connections, to test reconnecting.
 */
export class SmeeChannel {
  readonly posts: number[] = [];
  /** Answer this many of the next stream requests with 503. */
  refuseNext = 0;
  private readonly listeners = new Set<ServerResponse>();
  private readonly server: Server;
  readonly url: string;

  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
  }

  static async start(): Promise<SmeeChannel> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const channel = new SmeeChannel(server, `http://127.0.0.1:${port}/test-channel`);
    server.on("request", (request, response) => {
      if (request.method === "GET") {
        if (channel.refuseNext > 0) {
          channel.refuseNext -= 1;
          response.writeHead(503).end();
          return;
        }
        response.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
          connection: "keep-alive",
        });
        response.write("event: ready\ndata: {}\n\n");
        channel.listeners.add(response);
        request.on("close", () => channel.listeners.delete(response));
        return;
      }
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
        const message = {
          ...headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
          query: {},
          timestamp: Date.now(),
        };
        for (const listener of channel.listeners) listener.write(`data: ${JSON.stringify(message)}\n\n`);
        channel.posts.push(channel.listeners.size);
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    return channel;
  }

  get listening(): number {
    return this.listeners.size;
  }

  /** Ends every open stream, as a channel restart would. */
  dropStreams(): void {
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
  }

  async close(): Promise<void> {
    this.dropStreams();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
