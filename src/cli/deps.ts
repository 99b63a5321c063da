import type { ChalkInstance } from "chalk";
import { loadSettings, type Settings } from "../config/load-settings.js";
import { osKeychain } from "../auth/os-keychain.js";
import { loadSecretKey } from "../auth/secret-key.js";
import { openStore, type OpenedStore } from "../store/open-store.js";
import { createTokenStore, type TokenStore } from "../auth/token-store.js";
import { colorsFor } from "./colors.js";
import type { CliIo } from "./io.js";

/** What commands are given, built once per run (like gh's cmdutil.Factory). */
export interface CliDeps {
  io: CliIo;
  /** Loaded and validated on first use, so `--help` works even with a broken config. */
  settings(): Settings;
  tokenStore(): TokenStore;
  /**
   * nectr.db, or PostgreSQL at NECTR_DATABASE_URL: opened (and migrated) on first use, with a
   * pool for `workers` reviews at once (the daemon's --concurrency; the settings' otherwise).
   */
  database(options?: { workers?: number }): Promise<OpenedStore>;
  /** Closes what the command opened (the database's connections). */
  close(): Promise<void>;
  /** The key that seals secrets at rest. */
  secretKey(): Buffer;
  /** A note, warning or next step for whoever runs the command: on stderr, so stdout stays data. */
  note(text: string): void;
  out: {
    /** Data for stdout: what a script would capture. */
    line(text: string): void;
    json(value: unknown): void;
    color: ChalkInstance;
  };
}

export function createDeps(io: CliIo): CliDeps {
  let settings: Settings | undefined;
  let database: Promise<OpenedStore> | undefined;
  const loaded = () => (settings ??= loadSettings({ env: io.env, homeDir: io.homeDir, fs: io.fs }));
  const secretKey = () => loadSecretKey(loaded().secretKey, loaded().paths.dataDir);
  return {
    io,
    settings: loaded,
    tokenStore: () => createTokenStore(osKeychain(), io.fs, loaded().paths.hostsFile, secretKey),
    database: (options) =>
      (database ??= openStore({
        databaseUrl: loaded().databaseUrl,
        sqliteFile: loaded().paths.databaseFile,
        // A connection for each worker, and some for deliveries, claims and the status page.
        poolSize: (options?.workers ?? loaded().concurrency) + 4,
        leaseSeconds: loaded().jobLeaseSeconds,
      })),
    close: async () => {
      const opened = database;
      database = undefined;
      if (opened) await (await opened.catch(() => undefined))?.store.close();
    },
    secretKey,
    note: (text) => io.stderr.write(`nectr: ${text}\n`),
    out: {
      line: (text) => io.stdout.write(`${text}\n`),
      json: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
      color: colorsFor(io.stdout, io.env),
    },
  };
}
