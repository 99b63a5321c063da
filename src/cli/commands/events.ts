import type { Command } from "commander";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { wholeNumberOption } from "../whole-number-option.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("events")
    .description(summaryOf("events"))
    .option("--json", "print JSON")
    .option("--limit <n>", "how many (default 20)")
    .action(async (options: { json?: boolean; limit?: string }) => {
      const limit =
        wholeNumberOption(options.limit, "--limit", { min: 1, max: 10_000, example: "nectr events --limit 50" }) ?? 20;
      const events = await (await deps.database()).store.queue.recent(limit);
      if (options.json) {
        deps.out.json(events);
        return;
      }
      if (events.length === 0) {
        deps.note("no webhook deliveries yet — connect a repository with nectr connect, and run nectr serve");
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
