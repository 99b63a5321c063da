import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A daemon that has taken no delivery for this long gives back what its busy spell grew. */
const QUIET_MS = 5 * 60 * 1000;
/** Start-up (modules, schemas) is over by then. */
const AFTER_START_MS = 2000;

type Gc = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * Gives memory back to the system once start-up is over, and again after each quiet spell.
 * V8 sizes its young generation for the busiest moment it has seen (start-up, or a burst of
 * deliveries) and shrinks it only on a memory-reducing collection, which on its own it may never
 * run in a process that just waits: the daemon asks for one. This is `--expose-gc` turned on at
 * run time, as test runners do to measure heaps; the collection takes some 20 ms, when idle.
 */
export function startIdleMemoryRelease(): { busy(): void; stop(): void } {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as Gc;
  const release = () => gc({ type: "major", execution: "sync", flavor: "last-resort" });
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
