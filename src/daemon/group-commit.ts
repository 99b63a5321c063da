import type { NewDelivery, RecordedDelivery } from "../store/events-table.js";
import type { JobQueue } from "../store/nectr-store.js";

interface Waiting {
  delivery: NewDelivery;
  resolve: (stored: RecordedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Transactions a daemon keeps open at once for deliveries. SQLite's commit returns before the next
 * turn, so it never has more than one; PostgreSQL's waits for the server's flush to disk, and the
 * deliveries that arrive meanwhile go together into the next transaction instead of one each.
 */
const COMMITS_IN_FLIGHT = 2;

/**
 * Group commit: the deliveries whose bodies were read in the same turn of the event loop (or, on
 * PostgreSQL, while earlier commits were in flight) are stored in one transaction, each committed
 * before it is answered as before, at one commit for all instead of one each. A failed
 * transaction stores none of them, and each is told so.
 */
export function groupCommit(queue: JobQueue): (delivery: NewDelivery) => Promise<RecordedDelivery> {
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;
  const commit = () => {
    scheduled = false;
    if (waiting.length === 0 || inFlight >= COMMITS_IN_FLIGHT) return;
    const batch = waiting;
    waiting = [];
    inFlight += 1;
    queue
      .record(batch.map((each) => each.delivery))
      .then(
        (stored) => batch.forEach((each, index) => each.resolve(stored[index]!)),
        (error: unknown) => {
          for (const each of batch) each.reject(error);
        },
      )
      .finally(() => {
        inFlight -= 1;
        schedule();
      });
  };
  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(commit);
  };
  return (delivery) =>
    new Promise((resolve, reject) => {
      waiting.push({ delivery, resolve, reject });
      schedule();
    });
}
