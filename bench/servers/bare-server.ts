// The yardsticks: node:http, an HMAC over the raw bytes, one SQLite insert (WAL, synchronous
// NORMAL, as nectr.db), then 202. Options add the least else nectr's contract asks:
//   --parse        JSON.parse the body first, 400 if it is not JSON;
//   --checkpoints  no automatic checkpoint on this connection: a worker thread with its own
//                  connection checkpoints the WAL every 100 ms, off the request thread.
// Run by daemon-ingest.bench.ts: node bench/servers/bare-server.ts <dbfile> <secret> [--parse] [--checkpoints]
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";

const [file = "bare.db", secret = "", ...flags] = process.argv.slice(2);
const parse = flags.includes("--parse");
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, delivery_id TEXT UNIQUE, event TEXT, payload TEXT)",
);
if (flags.includes("--checkpoints")) {
  db.pragma("wal_autocheckpoint = 0");
  new Worker(new URL("./interval-checkpoints.ts", import.meta.url), { workerData: { file, everyMs: 100 } }).unref();
}
const insert = db.prepare("INSERT INTO events (delivery_id, event, payload) VALUES (?, ?, ?)");

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
    const given = Buffer.from(String(request.headers["x-hub-signature-256"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return void response.writeHead(401).end();
    const text = body.toString("utf8");
    if (parse) {
      try {
        JSON.parse(text);
      } catch {
        return void response.writeHead(400).end();
      }
    }
    const result = insert.run(
      String(request.headers["x-github-delivery"]),
      String(request.headers["x-github-event"]),
      text,
    );
    response
      .writeHead(202, { "content-type": "application/json" })
      .end(JSON.stringify({ id: String(result.lastInsertRowid), status: "queued" }));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
