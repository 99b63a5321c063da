import { isUtf8 } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { NectrStore } from "../store/nectr-store.js";
import { classifyDelivery, MalformedPayload, type DeliveryPlan } from "./classify-delivery.js";
import { groupCommit } from "./group-commit.js";
import type { DaemonMetrics } from "./metrics.js";
import { discardBody, readBody, type BodyBytesInFlight } from "./read-body.js";
import { signatureMatches } from "./signature-matches.js";
import { webhookSecretForHook } from "./webhook-secrets.js";

export interface WebhookHandlerOptions {
  store: NectrStore;
  /** Shared by every delivery being read: bounds what clients, signed or not, make the daemon hold. */
  inFlight: BodyBytesInFlight;
  secretKey: Buffer;
  globalSecret: string | undefined;
  /** The GitHub App's webhook secret, for deliveries of the app's own webhook. */
  appWebhookSecret?: string;
  reviewDrafts: boolean;
  log: Logger;
  metrics: DaemonMetrics;
  /** Called after a job is queued, so an idle worker starts at once. */
  onQueued: () => void;
  /** Called after a delivery is stored (a write to the WAL). */
  onStored: () => void;
}

type Answer = [status: number, body: Record<string, unknown>];

/** Metric labels for refused deliveries; the reason itself goes to the log. */
const REFUSALS: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  413: "too_large",
  503: "unavailable",
};
/** Seconds a client told 503 should wait; GitHub redeliveries are by hand, other senders retry. */
const RETRY_AFTER_SECONDS = 5;

/**
 * POST /api/v1/webhooks/github, as the SPEC's wire table says: refuse what carries no signature,
 * or names no hook nectr knows, before reading its body; verify the signature over the exact
 * bytes before parsing anything; store the delivery, then answer — before any review
 * work. Fails closed: no secret known means 401. What cannot be stored right now (disk full, the
 * database busy, too many bytes in flight) is 503 with Retry-After, never a 2xx and never a hang.
 */
export function createWebhookHandler(options: WebhookHandlerOptions) {
  const store = groupCommit(options.store.queue);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await answerDelivery(request, options, store);
    } catch (error) {
      // A client that hangs up mid-body is not nectr's fault, and there is no one to answer.
      if (request.socket.destroyed || response.destroyed) {
        options.log.info(
          { reason: error instanceof Error ? error.message : String(error) },
          "delivery abandoned by the client",
        );
        return;
      }
      options.log.error({ err: error }, "delivery not stored");
      discardBody(request);
      answer = [503, { error: "the delivery could not be stored right now; send it again later" }];
    }
    const [status, body] = answer;
    const outcome = typeof body.status === "string" ? body.status : (REFUSALS[status] ?? "error");
    options.metrics.deliveries.inc({ status: outcome });
    options.log.info(
      {
        delivery: header(request, "x-github-delivery"),
        event: header(request, "x-github-event"),
        http: status,
        status: outcome,
        ms: Math.round(performance.now() - started),
      },
      "delivery",
    );
    response.writeHead(status, {
      "content-type": "application/json",
      ...(status === 503 && { "retry-after": String(RETRY_AFTER_SECONDS) }),
    });
    response.end(JSON.stringify(body));
  };
}

async function answerDelivery(
  request: IncomingMessage,
  options: WebhookHandlerOptions,
  store: ReturnType<typeof groupCommit>,
): Promise<Answer> {
  const event = header(request, "x-github-event");
  const deliveryId = header(request, "x-github-delivery");
  if (!event || !deliveryId || !/^[\w.-]{1,100}$/.test(event) || deliveryId.length > 100) {
    return [400, { error: "missing or malformed X-GitHub-Event or X-GitHub-Delivery header" }];
  }
  const signature = header(request, "x-hub-signature-256");
  const secret = signature
    ? await webhookSecretForHook(
        options.store.repos,
        options.secretKey,
        header(request, "x-github-hook-id"),
        options.globalSecret,
        {
          secret: options.appWebhookSecret,
          // GitHub marks a delivery of an app's webhook so.
          fromApp: header(request, "x-github-hook-installation-target-type") === "integration",
        },
      )
    : undefined;
  if (!signature || !secret) {
    discardBody(request);
    return [401, { error: signature ? "no secret is known for this hook" : "no X-Hub-Signature-256 signature" }];
  }
  const body = await readBody(request, options.inFlight);
  if (body === "too large") return [413, { error: "the body is over GitHub's 25 MB cap" }];
  if (body === "no room") return [503, { error: "too many deliveries are being read at once; send it again later" }];
  if (!signatureMatches(secret.secret, body, signature)) return [401, { error: "the signature does not match" }];

  const plan = planOf(event, body, options.reviewDrafts);
  if (Array.isArray(plan)) return plan;
  // A hook's secret only vouches for its own repository.
  if (secret.repo && plan.repo && secret.repo.toLowerCase() !== plan.repo.toLowerCase()) {
    return [401, { error: "the delivery is about another repository than its hook's" }];
  }
  if (secret.repo && plan.installationChange)
    return [401, { error: "a repository's hook does not speak for the app's installations" }];
  // `@nectr ignore` holds until `@nectr review`: pushes to an ignored PR are stored, not reviewed.
  const ignored =
    event === "pull_request" &&
    plan.status === "queued" &&
    plan.repo !== null &&
    plan.prNumber !== null &&
    (await options.store.pulls.isIgnored(plan.repo, plan.prNumber));
  const stored = await store({
    deliveryId,
    event,
    ...plan,
    status: ignored ? "ignored" : plan.status,
    // The bytes themselves: no copy of the text is held until the commit.
    payload: body,
    receivedAt: new Date().toISOString(),
  });
  if (stored.status === "queue full")
    return [503, { error: `${plan.repo ?? "this repository"} has too many jobs waiting; send it again later` }];
  options.onStored();
  if (stored.status === "duplicate") return [200, { status: "duplicate" }];
  if (stored.status === "queued") options.onQueued();
  return [202, { id: String(stored.id), status: stored.status }];
}

/**
 * What the delivery asks for, or the 400 it gets. Apart from answerDelivery, whose frame waits
 * for the commit: the parsed body dies here, young, instead of being carried across that wait.
 */
function planOf(event: string, body: Buffer, reviewDrafts: boolean): DeliveryPlan | Answer {
  // JSON travels as UTF-8 (RFC 8259 §8.1); decoding other bytes would store text nobody signed.
  if (!isUtf8(body)) return [400, { error: "the body is not UTF-8 JSON" }];
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return [400, { error: "the body is not JSON" }];
  }
  try {
    return classifyDelivery(event, payload, { reviewDrafts });
  } catch (error) {
    if (error instanceof MalformedPayload) return [400, { error: error.message }];
    throw error;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
