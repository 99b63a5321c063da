import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A daemon that has taken no delivery for this long gives back what its busy spell grew. */
const QUIET_MS = 5 * 60 * 1000;
/** Start-up (modules, schemas) is over by then. */
const AFTER_START_MS = 2000;

/** A young generation this small (Node run with --max-semi-space-size=4, as the unit does) is kept. */
const SMALL_YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;

type Gc = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * Gives memory back to the system once start-up is over, and again after each quiet spell.
 * V8 sizes its young generation for the busiest moment it has seen (start-up, or a burst of
 * deliveries) and shrinks it only on a memory-reducing collection, which on its own it may never
 * run in a process that just waits: the daemon asks for one. This is `--expose-gc` turned on at
 * run time, as test runners do to measure heaps; the collection takes some 20 ms, when idle.
 * It has a price: afterwards V8 keeps its old-generation limit so tight that under load it runs
 * a full collection every ~230 ms (`--trace-gc`, bench/daemon-ingest.bench.ts). So it runs only
 * when the young generation has grown past 8 MB, which a daemon started as the systemd unit
 * starts it never does.
 */
export function startIdleMemoryRelease(): { busy(): void; stop(): void } {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as Gc;
  const release = () => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
    if ((young?.space_size ?? 0) > SMALL_YOUNG_GENERATION_BYTES)
      gc({ type: "major", execution: "sync", flavor: "last-resort" });
  };
  let lastBusy = Date.now();
  let released = false;
  const afterStart = setTimeout(release, AFTER_START_MS);
  const quiet = setInterval(() => {
    if (released || Date.now() - lastBusy < QUIET_MS) return;
    released = true;
    release();
  }, QUIET_MS / 5);
  afterStart.unref();
  quiet.unref();
  return {
    busy() {
      lastBusy = Date.now();
      released = false;
    },
    stop() {
      clearTimeout(afterStart);
      clearInterval(quiet);
    },
  };
}
