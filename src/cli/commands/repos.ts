import type { Command } from "commander";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";

export function register(program: Command, deps: CliDeps): void {
  program
    .command("repos")
    .description(summaryOf("repos"))
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const repos = await (await deps.database()).store.repos.list();
      if (options.json) {
        deps.out.json(
          repos.map((repo) => ({
            repo: repo.fullName,
            hookId: repo.hookId,
            url: repo.hookUrl,
            active: repo.active,
            connectedBy: repo.connectedBy,
            lastDelivery: repo.lastDeliveryAt,
            lastReview: repo.lastReviewAt,
          })),
        );
        return;
      }
      if (repos.length === 0) {
        deps.note("no repositories connected yet — run nectr connect OWNER/REPO --url URL");
        return;
      }
      const { dim, green } = deps.out.color;
      for (const repo of repos) {
        const state = repo.active ? green("active") : dim("inactive");
        deps.out.line(`${repo.fullName}  ${state}  webhook ${repo.hookId ?? "-"}  ${repo.hookUrl ?? ""}`);
        deps.out.line(
          dim(`  last delivery ${repo.lastDeliveryAt ?? "never"} · last review ${repo.lastReviewAt ?? "never"}`),
        );
      }
    });
}
