// The generator's yardstick: reads each body and answers 202 at once, stores nothing. What the
// load generator measures against it is the generator's and the loopback's own share of latency.
// Run by daemon-ingest.bench.ts: node bench/servers/null-server.ts
import { createServer } from "node:http";

const server = createServer((request, response) => {
  request.on("data", () => {});
  request.on("end", () => response.writeHead(202, { "content-type": "application/json" }).end('{"status":"queued"}'));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
