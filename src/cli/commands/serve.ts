import { realpathSync } from "node:fs";
import type { Command } from "commander";
import { resolveToken } from "../../auth/resolve-token.js";
import { BusyError, UsageError } from "../../errors.js";
import { checkSecretKey } from "../../daemon/check-secret-key.js";
import { startDaemon } from "../../daemon/start-daemon.js";
import { lockDataFolder } from "../../store/daemon-lock.js";
import { logPerTurn } from "../../daemon/log-per-turn.js";
import { summaryOf } from "../command-index.js";
import type { Settings } from "../../config/load-settings.js";
import type { CliDeps } from "../deps.js";
import { createContextSetup } from "../context-setup.js";
import { systemdUnit } from "../systemd-unit.js";
import { createLlm, reviewLimits } from "../review-setup.js";
import { wholeNumberOption } from "../whole-number-option.js";

interface ServeOptions {
  host?: string;
  port?: string;
  smee?: string;
  concurrency?: string;
  printSystemdUnit?: boolean;
}

/** Running reviews get this long to finish after SIGTERM; the rest go back in the queue. */
const SHUTDOWN_GRACE_MS = 20_000;

export function register(program: Command, deps: CliDeps): void {
  program
    .command("serve")
    .description(summaryOf("serve"))
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option("--port <port>", "port to listen on (default 8000; 0 picks a free one)")
    .option("--smee <url>", "also take deliveries from this smee.io channel")
    .option("--concurrency <n>", "reviews at once (default 2)")
    .option("--print-systemd-unit", "print a systemd unit that runs this nectr serve with these options, and exit")
    .action((options: ServeOptions) => (options.printSystemdUnit ? printUnit(deps, options) : serve(deps, options)));
}

async function serve(deps: CliDeps, options: ServeOptions): Promise<void> {
  // The options before the settings: a typo in one is what the user hears of first.
  const portOption = portOf(options.port);
  const concurrencyOption = concurrencyOf(options.concurrency);
  const settings = deps.settings();
  const port = portOption ?? settings.port;
  const concurrency = concurrencyOption ?? settings.concurrency;
  const { default: pino } = await import("pino");
  const log = pino(
    { level: settings.debug ? "debug" : "info", base: undefined },
    logPerTurn(pino.destination({ dest: 2, sync: true })),
  );
  // Before the database is opened (and migrated): a second daemon on this folder stops here.
  const lock = lockDataFolder(settings.paths.dataDir);
  const llm = createLlm(settings, undefined);
  const store = deps.tokenStore();
  const setup = createContextSetup(settings, deps.database, llm, (message) => log.warn(message));
  const closeAll = async () => {
    await setup.close();
    await deps.close();
    lock.release();
  };
  const opened = await deps
    .database({ workers: concurrency })
    .then(async (database) => {
      await checkSecretKey(database.store, deps.secretKey());
      return database;
    })
    .catch(async (error: unknown) => {
      await deps.close();
      lock.release();
      throw error;
    });
  const app = await appAccess(deps, settings);
  const daemon = await startDaemon({
    store: opened.store,
    sqlite: opened.backend.kind === "sqlite" ? opened.backend.db : undefined,
    secretKey: deps.secretKey(),
    host: options.host ?? settings.host,
    port,
    concurrency,
    globalSecret: settings.webhookSecret,
    appWebhookSecret: app?.webhookSecret,
    reviewDrafts: settings.reviewDrafts,
    retrySeconds: settings.jobRetrySeconds,
    smee: options.smee,
    adminToken: settings.adminToken,
    publicUrl: settings.publicUrl,
    githubUrl: settings.githubUrl,
    hotspots: (repo, limit) => setup.hotspots(repo, limit),
    llmDailyTokens: settings.llmDailyTokens,
    retentionDays: settings.retentionDays,
    log,
    review: {
      githubApiUrl: settings.githubApiUrl,
      retryUnitMs: settings.githubRetryBaseMs,
      githubTimeoutMs: settings.githubTimeoutSeconds * 1000,
      fallbackToken: async () => (await resolveToken(settings, store))?.value,
      app: app && { bot: app.bot, token: app.token },
      llm,
      limits: () => reviewLimits(settings, llm),
      analysisTimeBoxMs: settings.analysisTimeoutSeconds * 1000,
      llmDailyTokens: settings.llmDailyTokens,
      commandsPerAuthorPerDay: settings.commandsPerAuthorPerDay,
      context: setup,
    },
  }).catch(async (error: unknown) => {
    await closeAll();
    throw listenError(error, options.host ?? settings.host, port);
  });
  // Not in the JSON log, which may be shipped elsewhere: a sign-in is for whoever runs the daemon.
  if (daemon.loginUrl) deps.note(`status page: open ${daemon.loginUrl} once to sign in`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "stopping");
      daemon.close(SHUTDOWN_GRACE_MS).then(resolve, resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await closeAll();
  log.info("stopped");
}

function printUnit(deps: CliDeps, options: ServeOptions): void {
  const port = portOf(options.port);
  const concurrency = concurrencyOf(options.concurrency);
  const serveArgs = [
    ...(options.host ? ["--host", options.host] : []),
    ...(port === undefined ? [] : ["--port", String(port)]),
    ...(concurrency === undefined ? [] : ["--concurrency", String(concurrency)]),
    ...(options.smee ? ["--smee", options.smee] : []),
  ];
  deps.out.line(
    systemdUnit({ node: process.execPath, nectr: realpathSync(process.argv[1] ?? ""), serveArgs }).trimEnd(),
  );
}

/** Why the daemon could not listen, as one line: a port taken is busy (exit 1), a host that is not this machine's is bad usage (exit 2). */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "EADDRINUSE")
    return new BusyError(`port ${port} on ${host} is already in use`, {
      hint: "pass another --port, or stop what listens there",
    });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EADDRNOTAVAIL" || code === "EINVAL")
    return new UsageError(`--host ${host} is not an address of this machine`, {
      hint: "pass --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)",
    });
  if (code === "EACCES")
    return new UsageError(`listening on port ${port} needs more privileges than this user has`, {
      hint: "pass a --port above 1023, or put a proxy in front",
    });
  return error;
}

const portOf = (value: string | undefined) =>
  wholeNumberOption(value, "--port", { min: 0, max: 65535, example: "nectr serve --port 8000" });
const concurrencyOf = (value: string | undefined) =>
  wholeNumberOption(value, "--concurrency", { min: 1, max: 64, example: "nectr serve --concurrency 4" });

/**
 * The GitHub App nectr runs as, checked with GitHub at start (a wrong key fails here, not in a
 * review). Its libraries load only when there is one.
 */
async function appAccess(deps: CliDeps, settings: Settings) {
  const { readAppFile, resolveApp } = await import("../../auth/app-file.js");
  const stored = resolveApp(settings.app, () => readAppFile(deps.io.fs, settings.paths.appFile, deps.secretKey()));
  if (!stored) return undefined;
  const [{ appClient, appIdentity }, { installationTokens }] = await Promise.all([
    import("../../github/app-client.js"),
    import("../../github/installation-tokens.js"),
  ]);
  const identity = await appIdentity(await appClient(settings.githubApiUrl, stored.appId, stored.privateKey));
  const access = { appId: stored.appId, privateKey: stored.privateKey, bot: identity.bot };
  return {
    webhookSecret: stored.webhookSecret,
    bot: identity.bot,
    token: installationTokens(settings.githubApiUrl, access),
  };
}
