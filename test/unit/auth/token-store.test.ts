import { describe, expect, it } from "vitest";
import { createTokenStore, type Keychain } from "../../../src/auth/token-store.js";
import { memoryFs } from "../../harness/memory-fs.js";

// A keychain in memory: no Secret Service runs in this test process (the real one is reached
// through @napi-rs/keyring; see the README's keychain figures). The file side is real code on memfs.
function memoryKeychain(): Keychain & { secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  return {
    secrets,
    get: async (host) => secrets.get(host),
    set: async (host, secret) => void secrets.set(host, secret),
    delete: async (host) => void secrets.delete(host),
  };
}

const KEY = Buffer.alloc(32, 7);
const key = () => KEY;

const brokenKeychain: Keychain = {
  get: () => Promise.reject(new Error("DBus error: no session bus")),
  set: () => Promise.reject(new Error("DBus error: no session bus")),
  delete: () => Promise.reject(new Error("DBus error: no session bus")),
};

const hangingKeychain: Keychain = {
  get: () => new Promise(() => {}),
  set: () => new Promise(() => {}),
  delete: () => new Promise(() => {}),
};

describe("token store", () => {
  it("keeps the token in the keychain and only the user in hosts.json", async () => {
    const disk = memoryFs();
    const keychain = memoryKeychain();
    const store = createTokenStore(keychain, disk.port, "/cfg/hosts.json", key);
    expect(await store.save("github.com", "octocat", "gho_secret")).toBe("keychain");
    expect(keychain.secrets.get("github.com")).toBe("gho_secret");
    expect(disk.fs.readFileSync("/cfg/hosts.json", "utf8")).not.toContain("gho_secret");
    expect(await store.load("github.com")).toEqual({ token: "gho_secret", user: "octocat", location: "keychain" });
  });

  it("falls back to hosts.json with mode 0600 when the keychain fails or hangs", async () => {
    for (const keychain of [brokenKeychain, hangingKeychain]) {
      const disk = memoryFs();
      const store = createTokenStore(keychain, disk.port, "/cfg/hosts.json", key, 50);
      expect(await store.save("ghe.example.com", "mona", "gho_file")).toBe("file");
      expect(disk.fs.statSync("/cfg/hosts.json").mode & 0o777).toBe(0o600);
      expect(disk.fs.readFileSync("/cfg/hosts.json", "utf8")).not.toContain("gho_file");
      expect(await store.load("ghe.example.com")).toEqual({ token: "gho_file", user: "mona", location: "file" });
      expect(await store.load("github.com")).toBeUndefined();
    }
  });

  it("reads a token an older nectr kept in the file in the clear, and refuses one sealed with another key", async () => {
    const disk = memoryFs({ "/cfg/hosts.json": '{"github.com": {"user": "octocat", "token": "gho_plain"}}' });
    const store = createTokenStore(brokenKeychain, disk.port, "/cfg/hosts.json", key, 50);
    expect(await store.load("github.com")).toEqual({ token: "gho_plain", user: "octocat", location: "file" });
    await store.save("github.com", "octocat", "gho_plain");
    const other = createTokenStore(brokenKeychain, disk.port, "/cfg/hosts.json", () => Buffer.alloc(32, 8), 50);
    await expect(other.load("github.com")).rejects.toThrow(/the secret key is not the one it was sealed with/);
  });

  it("forgets a host everywhere, and says when there was nothing to forget", async () => {
    const disk = memoryFs();
    const keychain = memoryKeychain();
    const store = createTokenStore(keychain, disk.port, "/cfg/hosts.json", key);
    await store.save("github.com", "octocat", "gho_secret");
    await store.save("ghe.example.com", "mona", "gho_other");
    expect(await store.remove("github.com")).toBe(true);
    expect(keychain.secrets.has("github.com")).toBe(false);
    expect(await store.load("github.com")).toBeUndefined();
    expect(await store.load("ghe.example.com")).toMatchObject({ user: "mona" });
    expect(await store.remove("github.com")).toBe(false);
  });

  it("refuses a hosts.json that is not in its own form", async () => {
    const disk = memoryFs({ "/cfg/hosts.json": '{"github.com": {"token": 5}}' });
    const store = createTokenStore(memoryKeychain(), disk.port, "/cfg/hosts.json", key);
    await expect(store.load("github.com")).rejects.toThrow(/is not in the form nectr writes/);
  });
});
