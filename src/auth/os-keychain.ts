import type { Keychain } from "./token-store.js";

const SERVICE = "nectr";

/**
 * The OS keychain through @napi-rs/keyring (prebuilt, no install script; keytar needs libsecret
 * and a compiler, and is archived — figures in the README). On Linux the store is pinned to the
 * Secret Service: the library's fallback, the kernel keyring, can fail half-way and leave the
 * token behind. Loaded on first use, since the import costs ~20 ms at start-up.
 */
export function osKeychain(): Keychain {
  const entry = async (host: string) => {
    const { AsyncEntry } = await import("@napi-rs/keyring");
    return new AsyncEntry(SERVICE, host, { linux: { store: "secret-service" } });
  };
  return {
    async get(host) {
      return (await (await entry(host)).getPassword()) ?? undefined;
    },
    async set(host, secret) {
      await (await entry(host)).setPassword(secret);
    },
    async delete(host) {
      await (await entry(host)).deletePassword();
    },
  };
}
