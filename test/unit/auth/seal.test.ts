import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "../../../src/auth/seal.js";
import { loadSecretKey } from "../../../src/auth/secret-key.js";
import { UsageError } from "../../../src/errors.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("sealing secrets at rest", () => {
  const key = randomBytes(32);

  it("opens what it sealed, and seals the same text differently each time", () => {
    const sealed = sealSecret("webhook-secret-value", key);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("webhook-secret-value");
    expect(sealSecret("webhook-secret-value", key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe("webhook-secret-value");
  });

  it("refuses a wrong key or a changed byte with a clear error, never plaintext", () => {
    const sealed = sealSecret("s3cret", key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/secret key is not the one it was sealed with/);
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    expect(() => openSecret(`v1:${bytes.toString("base64")}`, key)).toThrow(UsageError);
    expect(() => openSecret("plaintext", key)).toThrow(/not in a form nectr knows/);
  });

  it("creates a random key once in the data folder with mode 0600, then reuses it", () => {
    const dataDir = path.join(tempDir(), "data");
    const first = loadSecretKey(undefined, dataDir);
    expect(first).toHaveLength(32);
    expect(statSync(path.join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(undefined, dataDir).equals(first)).toBe(true);
    expect(readFileSync(path.join(dataDir, "secret.key"), "utf8").trim()).toBe(first.toString("hex"));
  });

  it("takes NECTR_SECRET_KEY as hex or base64, and refuses anything else", () => {
    const hex = randomBytes(32).toString("hex");
    expect(loadSecretKey(hex, "/nonexistent").toString("hex")).toBe(hex);
    const base64 = randomBytes(32).toString("base64");
    expect(loadSecretKey(base64, "/nonexistent").toString("base64")).toBe(base64);
    expect(() => loadSecretKey("too-short", "/nonexistent")).toThrow(/NECTR_SECRET_KEY must hold a 32-byte key/);
  });
});
