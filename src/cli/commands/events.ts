import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { recentEvents } from "../../store/events-table.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("events")
    .description(summaryOf("events"))
    .option("--json", "print JSON")
    .option("--limit <n>", "how many (default 20)")
    .action((options: { json?: boolean; limit?: string }) => {
      const limit = options.limit === undefined ? 20 : Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new UsageError("--limit must be a whole number from 1 to 10000");
      const events = recentEvents(deps.database(), limit);
      if (options.json) {
        deps.out.json(events);
        return;
      }
      if (events.length === 0) {
        deps.out.line("No deliveries yet.");
        return;
      }
      const { dim, red, green } = deps.out.color;
      for (const event of events) {
        const what = `${event.event}${event.action ? `.${event.action}` : ""}`;
        const where = event.repo ? `${event.repo}${event.prNumber === null ? "" : `#${event.prNumber}`}` : "";
        const status =
          event.status === "failed" ? red(event.status) : event.status === "done" ? green(event.status) : event.status;
        deps.out.line(
          `${dim(event.receivedAt)}  ${what.padEnd(28)} ${where.padEnd(30)} ${status}${event.attempts > 1 ? dim(` after ${event.attempts} attempts`) : ""}${event.error ? dim(` — ${event.error}`) : ""}`,
        );
      }
    });
}
