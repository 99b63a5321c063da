// The same work in Probot 14: its node middleware verifies the signature, then one SQLite insert.
// Run by daemon-ingest.bench.ts: node bench/servers/probot-server.ts <dbfile> <secret>
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import { createNodeMiddleware, Probot } from "probot";

const [file = "probot.db", secret = ""] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, delivery_id TEXT UNIQUE, event TEXT, payload TEXT)",
);
const insert = db.prepare("INSERT INTO events (delivery_id, event, payload) VALUES (?, ?, ?)");

// Probot wants an app's private key even though this benchmark never authenticates as the app.
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const probot = new Probot({ appId: 1, privateKey, secret, logLevel: "error" });
const middleware = await createNodeMiddleware(
  (app) => {
    app.onAny(async (context) => {
      insert.run(context.id, context.name, JSON.stringify(context.payload));
    });
  },
  { probot, webhooksPath: "/api/v1/webhooks/github" },
);
const server = createServer((request, response) => {
  void middleware(request, response, () => response.writeHead(404).end());
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
