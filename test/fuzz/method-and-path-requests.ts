import type { FuzzRequest, Outcome } from "./fuzz-request.js";
import { WEBHOOK_PATH } from "./fuzz-request.js";
import type { SeededRandom } from "./seeded-random.js";

// Requests that are not a POST to the webhook path. SPEC: GET /healthz and GET /metrics answer
// 200, and so does GET / (the status page, open on loopback: README "Status page"); another
// method on the webhook path is 405; any other path is 404. node:http's own parser
// answers 400 to a method it does not know, and its client refuses to send a bad method token.

const OTHER_METHODS = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "MKCOL", "LOCK", "SEARCH"];
const UNKNOWN_METHODS = ["FUZZ", "BREW", "POSTX", "GETS"];
const BAD_METHOD_TOKENS = ["PO ST", "GET\r\n", "P(OST)", "PÖST", "GET\u0000"];
const OTHER_PATHS = [
  `${WEBHOOK_PATH}/`,
  `${WEBHOOK_PATH}/..`,
  WEBHOOK_PATH.toUpperCase(),
  `/${WEBHOOK_PATH}`,
  `${WEBHOOK_PATH};x=1`,
  `${WEBHOOK_PATH}%00`,
  "/api/v1/webhooks/gitlab",
  "/healthz/",
  "/metrics.json",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/../../etc/passwd",
  "*",
  `/${"a".repeat(8000)}`,
];

const REQUESTS: ((random: SeededRandom, body: Buffer) => FuzzRequest)[] = [
  (random, body) => request("health", random.pick(["/healthz", "/healthz?x=1", "/metrics"]), "GET", body, [200]),
  (random, body) => request("webhook path, other method", WEBHOOK_PATH, random.pick(OTHER_METHODS), body, [405]),
  (random, body) => request("unknown method", WEBHOOK_PATH, random.pick(UNKNOWN_METHODS), body, [400]),
  (random, body) => request("bad method token", WEBHOOK_PATH, random.pick(BAD_METHOD_TOKENS), body, ["refused"]),
  (random, body) =>
    request("other path", random.pick(OTHER_PATHS), random.pick(["POST", "GET", "PUT", "HEAD"]), body, [404]),
];

/** GET /, now and then: it lists the latest deliveries, whatever the fuzz put in them. */
export function statusPageRequest(random: SeededRandom): FuzzRequest {
  return request(
    "status page",
    random.pick(["/", "/?login=x", `/?${"q=1&".repeat(500)}`]),
    "GET",
    Buffer.alloc(0),
    [200],
  );
}

export function methodOrPathRequest(random: SeededRandom): FuzzRequest {
  const body = random.chance(0.5) ? Buffer.from('{"zen":"fuzz"}') : Buffer.alloc(0);
  return random.pick(REQUESTS)(random, body);
}

function request(kind: string, path: string, method: string, body: Buffer, allowed: Outcome[]): FuzzRequest {
  const sentBody = method === "HEAD" || method === "GET" ? Buffer.alloc(0) : body;
  return {
    kind: `${kind}: ${method} ${path.slice(0, 40)}`,
    method,
    path,
    // node:http sends a DELETE or OPTIONS body with no Content-Length unless told one: the daemon
    // would read it as the next request on the connection.
    headers: sentBody.length > 0 ? { "content-length": String(sentBody.length) } : {},
    body: sentBody,
    chunked: false,
    abortAfterBytes: undefined,
    allowed,
  };
}
