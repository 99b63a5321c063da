import { createHmac, randomUUID } from "node:crypto";
import type { SimDelivery, SimHook, SimRepo } from "./model.js";
import type { SimState } from "./state.js";

export interface DeliveryResult extends SimDelivery {
  hookId: number;
  responseBody: string;
}

/** GitHub gives a delivery 10 seconds before it counts as failed. */
const DELIVERY_TIMEOUT_MS = 10_000;

/** Whether a hook subscribes to an event (`*` means all; `ping` always goes out). */
export function hookWants(hook: SimHook, event: string): boolean {
  return hook.active && (event === "ping" || hook.events.includes(event) || hook.events.includes("*"));
}

/**
 * POSTs one event to a hook as GitHub does: compact JSON (or `payload=` for a form hook),
 * `X-Hub-Signature-256` over the exact
 * bytes sent, and the delivery headers GitHub always sets
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers).
 */
export async function deliverToHook(
  state: SimState,
  repo: SimRepo,
  hook: SimHook,
  event: string,
  payload: object,
): Promise<DeliveryResult> {
  const text = JSON.stringify(payload);
  const form = hook.config.content_type === "form";
  const body = Buffer.from(form ? `payload=${encodeURIComponent(text)}` : text, "utf8");
  const guid = randomUUID();
  const headers: Record<string, string> = {
    "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
    "user-agent": "GitHub-Hookshot/sim",
    "x-github-event": event,
    "x-github-delivery": guid,
    "x-github-hook-id": String(hook.id),
    "x-github-hook-installation-target-id": String(repo.id),
    "x-github-hook-installation-target-type": "repository",
  };
  if (hook.config.secret) {
    headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", hook.config.secret).update(body).digest("hex")}`;
    headers["x-hub-signature"] = `sha1=${createHmac("sha1", hook.config.secret).update(body).digest("hex")}`;
  }
  const started = Date.now();
  let statusCode = 0;
  let responseBody = "";
  let message: string | null = null;
  try {
    const response = await fetch(hook.config.url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    statusCode = response.status;
    responseBody = await response.text();
    message = statusCode >= 200 && statusCode < 300 ? "OK" : `Invalid HTTP Response: ${statusCode}`;
  } catch (error) {
    message = error instanceof Error ? `failed to connect: ${error.message}` : "failed to connect";
  }
  const action = "action" in payload && typeof payload.action === "string" ? payload.action : null;
  const delivery: SimDelivery = {
    id: state.nextId(),
    guid,
    event,
    action,
    statusCode,
    deliveredAt: state.now(),
    durationMs: Date.now() - started,
  };
  hook.deliveries.push(delivery);
  hook.lastResponse = {
    code: statusCode || null,
    status: statusCode >= 200 && statusCode < 300 ? "active" : "failed",
    message,
  };
  return { ...delivery, hookId: hook.id, responseBody };
}
