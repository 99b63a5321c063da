import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";

const KEY_FILE = "secret.key";

/**
 * The key that seals secrets at rest: NECTR_SECRET_KEY (32 bytes as 64 hex characters or
 * base64), else a random key created once in the data folder with mode 0600.
 */
export function loadSecretKey(fromEnv: string | undefined, dataDir: string): Buffer {
  if (fromEnv !== undefined) return parseKey(fromEnv);
  const file = path.join(dataDir, KEY_FILE);
  try {
    return parseKey(readFileSync(file, "utf8").trim(), file);
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // `wx` fails if another process created the file meanwhile; then that key is the one.
  try {
    writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch {
    return parseKey(readFileSync(file, "utf8").trim(), file);
  }
}

function parseKey(text: string, file?: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(text) && key.toString("base64") !== text)) {
    throw new UsageError(`${file ?? "NECTR_SECRET_KEY"} must hold a 32-byte key as 64 hex characters or base64`, {
      hint: "generate one with: openssl rand -hex 32",
    });
  }
  return key;
}
