import { createHmac } from "node:crypto";
import { webhookExample } from "../../test/harness/webhook-examples.js";

export const WEBHOOK_SECRET = "bench-secret";
export const VARIANT_COUNT = 256;

export interface SignedDelivery {
  body: string;
  signature: string;
}

/**
 * GitHub's own `pull_request.opened` example, 256 ways: each a draft PR of its own number and head
 * sha, signed with the bench secret. nectr stores a draft's delivery and queues no review (drafts
 * are not reviewed by default), so the bench measures ingest, not reviews.
 */
export function signedDeliveries(): SignedDelivery[] {
  return Array.from({ length: VARIANT_COUNT }, (_, index) => {
    const payload = webhookExample("pull_request", "opened") as {
      number: number;
      pull_request: { number: number; draft: boolean; head: { sha: string } };
    };
    payload.number = index + 1;
    payload.pull_request.number = index + 1;
    payload.pull_request.draft = true;
    payload.pull_request.head.sha = createHmac("sha1", "head").update(String(index)).digest("hex");
    const body = JSON.stringify(payload);
    return { body, signature: `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}` };
  });
}
