import type { ConfigFileSystem } from "../config/config-file.js";
import { readHosts, writeHosts } from "./hosts-file.js";
import { openSecret, sealSecret } from "./seal.js";

/** The OS keychain, one secret per GitHub host. Every method throws when no keychain is usable. */
export interface Keychain {
  get(host: string): Promise<string | undefined>;
  set(host: string, secret: string): Promise<void>;
  delete(host: string): Promise<void>;
}

export type TokenLocation = "keychain" | "file";

export interface StoredToken {
  token: string;
  user: string;
  location: TokenLocation;
}

export interface TokenStore {
  /** Keeps the token in the keychain, or sealed in hosts.json (0600) when no keychain is usable. */
  save(host: string, user: string, token: string): Promise<TokenLocation>;
  load(host: string): Promise<StoredToken | undefined>;
  /** Forgets the host's token everywhere; false when nothing was stored. */
  remove(host: string): Promise<boolean>;
}

/** How sealSecret's output starts; a GitHub token never does. */
const SEALED = "v1:";

/** A keychain that does not answer within this time counts as unusable (a D-Bus call can hang). */
const KEYCHAIN_TIMEOUT_MS = 3000;

/**
 * `secretKey` seals a token kept in the file, as the daemon's secrets are sealed (asked for only
 * then: with a keychain, no key is needed). A token an older nectr wrote there in the clear is
 * still read, and sealed the next time it is saved.
 */
export function createTokenStore(
  keychain: Keychain,
  fs: ConfigFileSystem,
  hostsFile: string,
  secretKey: () => Buffer,
  keychainTimeoutMs = KEYCHAIN_TIMEOUT_MS,
): TokenStore {
  const attempt = (call: () => Promise<void>) => attemptWithin(keychainTimeoutMs, call);
  return {
    async save(host, user, token) {
      const hosts = readHosts(fs, hostsFile);
      const inKeychain = await attempt(() => keychain.set(host, token));
      hosts[host] = inKeychain ? { user } : { user, token: sealSecret(token, secretKey()) };
      writeHosts(fs, hostsFile, hosts);
      return inKeychain ? "keychain" : "file";
    },

    async load(host) {
      const entry = readHosts(fs, hostsFile)[host];
      if (!entry) return undefined;
      if (entry.token) {
        const token = entry.token.startsWith(SEALED) ? openSecret(entry.token, secretKey()) : entry.token;
        return { token, user: entry.user, location: "file" };
      }
      let token: string | undefined;
      await attempt(async () => {
        token = await keychain.get(host);
      });
      return token ? { token, user: entry.user, location: "keychain" } : undefined;
    },

    async remove(host) {
      await attempt(() => keychain.delete(host));
      const hosts = readHosts(fs, hostsFile);
      if (!(host in hosts)) return false;
      delete hosts[host];
      writeHosts(fs, hostsFile, hosts);
      return true;
    },
  };
}

/** Runs a keychain call; false when it failed or took too long. */
async function attemptWithin(timeoutMs: number, call: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([call().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
