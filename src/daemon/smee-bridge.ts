import type { Logger } from "pino";
import type { SmeeClient } from "smee-client";

export interface SmeeBridge {
  stop(): Promise<void>;
}

/** How often the bridge checks that its channel stream is still open, and reopens it if not. */
const WATCH_INTERVAL_MS = 2000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Forwards deliveries from a smee.io channel to the local webhook endpoint, where they are
 * verified like any other (smee passes GitHub's signature through). smee-client reconnects
 * after a dropped stream but gives up for good after one non-200 answer, so a watchdog starts
 * a new client whenever the stream is closed.
 */
export async function startSmeeBridge(options: { source: string; target: string; log: Logger }): Promise<SmeeBridge> {
  const { SmeeClient: Client } = await import("smee-client");
  const log = options.log.child({ smee: options.source });
  const logger = {
    info: (message: unknown) => log.info(String(message)),
    error: (message: unknown) => log.warn(String(message)),
  };
  const create = () =>
    new Client({
      source: options.source,
      target: options.target,
      logger,
      maxConnectionTimeout: CONNECT_TIMEOUT_MS,
    });
  let client = create();
  let events: Awaited<ReturnType<SmeeClient["start"]>> | undefined;
  let restarting = false;

  const open = async () => {
    try {
      events = await client.start();
    } catch (error) {
      events = undefined;
      log.warn({ err: String(error) }, "smee channel unreachable; retrying");
    }
  };
  await open();

  const watchdog = setInterval(() => {
    // 2 = EventSource.CLOSED: the client has given up on this stream.
    if (restarting || (events !== undefined && events.readyState !== 2)) return;
    restarting = true;
    void client
      .stop()
      .then(() => {
        client = create();
        return open();
      })
      .finally(() => {
        restarting = false;
      });
  }, WATCH_INTERVAL_MS);
  watchdog.unref();

  return {
    async stop() {
      clearInterval(watchdog);
      await client.stop();
    },
  };
}
