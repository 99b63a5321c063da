import type { NewDelivery, RecordedDelivery } from "../store/events-table.js";
import type { JobQueue } from "../store/nectr-store.js";

interface Waiting {
  delivery: NewDelivery;
  resolve: (stored: RecordedDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the deliveries whose bodies were read in the same turn of the event loop are
 * stored in one transaction, each committed before it is answered as before, at one WAL commit
 * for all (its header, index and table pages written once) instead of one each. A failed
 * transaction stores none of them, and each is told so.
 */
export function groupCommit(queue: JobQueue): (delivery: NewDelivery) => Promise<RecordedDelivery> {
  let waiting: Waiting[] = [];
  const commit = () => {
    const batch = waiting;
    waiting = [];
    queue.record(batch.map((each) => each.delivery)).then(
      (stored) => batch.forEach((each, index) => each.resolve(stored[index]!)),
      (error: unknown) => {
        for (const each of batch) each.reject(error);
      },
    );
  };
  return (delivery) =>
    new Promise((resolve, reject) => {
      waiting.push({ delivery, resolve, reject });
      if (waiting.length === 1) setImmediate(commit);
    });
}
