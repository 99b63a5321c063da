import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Whether `signature` (X-Hub-Signature-256) is the HMAC-SHA256 of the exact bytes received
 * (https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries). Over bytes,
 * never decoded text: decoding would first replace bytes that are not UTF-8, so a correctly
 * signed body would fail the check, and an empty one could not be checked at all.
 */
export function signatureMatches(secret: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const received = Buffer.from(signature);
  return received.length === expected.length && timingSafeEqual(received, expected);
}
