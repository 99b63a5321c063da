// The yardstick: node:http, an HMAC over the raw bytes, one SQLite insert, then 202.
// Run by daemon-ingest.bench.ts: node bench/servers/bare-server.ts <dbfile> <secret>
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";

const [file = "bare.db", secret = ""] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, delivery_id TEXT UNIQUE, event TEXT, payload TEXT)",
);
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
    const result = insert.run(
      String(request.headers["x-github-delivery"]),
      String(request.headers["x-github-event"]),
      body.toString("utf8"),
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
