import type { EventRecord } from "../store/events-table.js";
import type { ReviewJobContext } from "./review-job.js";
import type { JobOutcome } from "./worker-pool.js";

type Job = EventRecord & { payload: string };

/**
 * Runs a queued job: a command for a comment, else a review. The review pipeline and its GitHub
 * client load with the first job, so a daemon that is only taking deliveries does not hold them.
 */
export function createJobRunner(context: ReviewJobContext): (job: Job) => Promise<JobOutcome> {
  let runners: Promise<{ reviews: (job: Job) => Promise<JobOutcome>; commands: (job: Job) => Promise<JobOutcome> }>;
  return async (job) => {
    runners ??= Promise.all([import("./review-job.js"), import("./command-job.js")]).then(([review, command]) => {
      const reviews = review.createReviewJobRunner(context);
      return { reviews, commands: command.createCommandJobRunner(context, reviews) };
    });
    const { reviews, commands } = await runners;
    return job.event === "issue_comment" ? commands(job) : reviews(job);
  };
}
