// The figures of daemon-history.ts as cost-growth.bench.ts prints them: one row per point, then
// the last against the first, the restarts against the first, and the review history's cost.
import type { Checkpoint, DaemonHistory } from "./daemon-history.js";

const grouped = (value: number) => value.toLocaleString("en-US");
const megabytes = (value: number, width: number) => `${value.toFixed(1).padStart(width)} MB`;
const milliseconds = (value: number, width: number) => `${value.toFixed(1).padStart(width)} ms`;
const times = (value: number, against: number) => `${(value / against).toFixed(2)}×`;
const label = (point: Checkpoint) => `${grouped(point.stored)}${point.restarted ? ", restarted" : ""}`;

function row(point: Checkpoint): string {
  return [
    label(point).padEnd(18),
    grouped(point.reviews).padStart(7),
    megabytes(point.rssAfterHealth, 15),
    megabytes(point.rssAfterPage, 14),
    megabytes(point.heapAfterGc, 10),
    megabytes(point.rssAfterGc, 9),
    milliseconds(point.pageMs.median, 9),
    milliseconds(point.pageMs.max, 6),
  ].join("   ");
}

export function daemonHistoryTable(history: DaemonHistory): string[] {
  const { points, restarts, sent, stored, databaseMb, exitCodes } = history;
  const [first, last, restarted, mostReviews] = [points[0], points.at(-1), restarts[0], restarts.at(-1)];
  if (!first || !last || !restarted || !mostReviews) throw new Error("the daemon history has no points");
  return [
    "stored              reviews   RSS after /healthz   after status page   heap after GC   RSS after GC   GET / median   GET / max",
    ...[...points, ...restarts].map(row),
    "",
    `at ${label(last)} against ${label(first)}: RSS ${times(last.rssAfterHealth, first.rssAfterHealth)} after /healthz, ` +
      `${times(last.rssAfterPage, first.rssAfterPage)} after the status page, ${times(last.rssAfterGc, first.rssAfterGc)} after GC; ` +
      `heap after GC ${times(last.heapAfterGc, first.heapAfterGc)}; GET / median ${times(last.pageMs.median, first.pageMs.median)}`,
    `restarted over ${grouped(sent)} against ${label(first)}: RSS ${times(restarted.rssAfterGc, first.rssAfterGc)} after GC, ` +
      `heap after GC ${times(restarted.heapAfterGc, first.heapAfterGc)}; GET / median ${times(restarted.pageMs.median, first.pageMs.median)}`,
    `${grouped(mostReviews.reviews)} reviews against none: RSS ${times(mostReviews.rssAfterPage, restarted.rssAfterPage)} after the status page, ` +
      `${times(mostReviews.rssAfterGc, restarted.rssAfterGc)} after GC; GET / median ${times(mostReviews.pageMs.median, restarted.pageMs.median)}`,
    `database: ${grouped(stored)} deliveries stored, ${grouped(sent)} sent: ${stored === sent ? "stored == sent" : "stored != sent"} ` +
      `(nectr.db ${databaseMb.toFixed(0)} MB; daemon exits ${exitCodes.join(", ")})`,
  ];
}
