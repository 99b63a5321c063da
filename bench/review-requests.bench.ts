// GitHub requests one review makes, by PR size, counted by the GitHub simulator.
// Run: node --import ./bench/resolve-ts-imports.ts bench/review-requests.bench.ts
import { runHeader } from "./run-header.js";
import { openPullOfSize, startBenchSimulator } from "./pull-of-size.js";
import { reviewAndPost } from "./review-and-post.js";

const SIZES = [10, 100, 300, 1000, 3000];

const sim = await startBenchSimulator();

for (const line of runHeader()) console.log(line);
console.log("review:  built-in checks (no LLM), every file a 20-line TypeScript module, then posted");
console.log(
  "gather:  fetch the PR and its files and run the checks (posting is paced at one write a second, as GitHub asks)\n",
);
console.log("files   gather requests   posting requests   total   gather time");
for (const size of SIZES) {
  const before = sim.requests.length;
  const { gather, posting } = await reviewAndPost(sim.url, openPullOfSize(sim, size));
  if (sim.requests.length - before !== gather.requests + posting.requests)
    throw new Error("the simulator saw another number of requests than the client sent");
  console.log(
    `${String(size).padStart(5)}   ${String(gather.requests).padStart(15)}   ${String(posting.requests).padStart(16)}   ${String(gather.requests + posting.requests).padStart(5)}   ${gather.ms.toFixed(0).padStart(8)} ms`,
  );
}
await sim.close();
