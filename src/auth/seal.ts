import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { UsageError } from "../errors.js";

// Secrets at rest (tokens and webhook secrets in the daemon's database) are sealed with
// AES-256-GCM: a fresh 12-byte nonce per value, and the tag refuses a wrong key or a changed
// byte. Format: "v1:" + base64(nonce | tag | ciphertext).

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(plaintext: string, key: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

/** The plaintext, or an error that names the likely cause; never the plaintext of a bad seal. */
export function openSecret(sealed: string, key: Buffer): string {
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || !payload) {
    throw new UsageError("a stored secret is not in a form nectr knows", {
      hint: "reconnect the repository to store a new one",
    });
  }
  const bytes = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new UsageError("cannot open a stored secret: the secret key is not the one it was sealed with", {
      hint: "set NECTR_SECRET_KEY to the key in use when it was stored (or restore the data folder's secret.key)",
    });
  }
}
