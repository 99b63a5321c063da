import type { Command } from "commander";
import type { MemoryKind } from "../../review/review-context.js";
import { UsageError } from "../../errors.js";
import { formatRepoRef, parseRepoRef } from "../../github/refs.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { createContextSetup } from "../context-setup.js";
import type { ReviewMemory } from "../../context/memory/review-memory.js";

/** Every review's prompt carries the rules: room for a rule and its reason, not for a document. */
const MAX_RULE_LENGTH = 2000;

export function register(program: Command, deps: CliDeps): void {
  const memory = program.command("memory").description(summaryOf("memory")).helpCommand(false);

  memory
    .command("add")
    .description("add a rule that every review of the repository must know")
    .argument("<repo>", "OWNER/REPO")
    .argument("<text...>", 'the rule, e.g. "money is always integer cents"')
    .action((repo: string, words: string[]) => {
      const name = repoName(repo);
      const text = ruleText(words, name);
      return withMemory(deps, name, async (store) => {
        const item = await store.add(name, { kind: "rule", text, source: "user" });
        deps.out.line(`Remembered for ${name} (id ${item.id})`);
      });
    });

  memory
    .command("list")
    .description("list what is remembered for the repository, with ids")
    .argument("<repo>", "OWNER/REPO")
    .option("--json", "print JSON")
    .action((repo: string, options: { json?: boolean }) =>
      withMemory(deps, repoName(repo), async (store, name) => {
        const items = await store.list(name);
        if (options.json) return deps.out.json(items);
        if (items.length === 0)
          return deps.note(`nothing remembered for ${name} yet — add a rule with nectr memory add ${name} "TEXT"`);
        for (const item of items)
          deps.out.line(`${item.id.padStart(4)}  ${label(item.kind, item.source)}  ${item.text}`);
      }),
    );

  memory
    .command("delete")
    .description("forget one memory of the repository")
    .argument("<repo>", "OWNER/REPO")
    .argument("<id>", "its id, from nectr memory list")
    .action((repo: string, id: string) =>
      withMemory(deps, repoName(repo), async (store, name) => {
        if (!(await store.delete(name, id))) {
          throw new UsageError(`${name} has no memory ${id}`, { hint: `nectr memory list ${name} shows its ids` });
        }
        deps.out.line(`Forgot memory ${id} of ${name}`);
      }),
    );
}

/** OWNER/REPO, checked before anything is opened. */
function repoName(repo: string): string {
  return formatRepoRef(parseRepoRef(repo));
}

function ruleText(words: readonly string[], name: string): string {
  const text = words.join(" ").trim();
  if (text.length === 0 || text.length > MAX_RULE_LENGTH)
    throw new UsageError(
      `a rule must be 1 to ${MAX_RULE_LENGTH.toLocaleString("en-US")} characters, not ${text.length.toLocaleString("en-US")}`,
      { hint: `say it in a sentence, e.g. nectr memory add ${name} "money is always integer cents"` },
    );
  return text;
}

async function withMemory(
  deps: CliDeps,
  name: string,
  work: (store: ReviewMemory, name: string) => Promise<void>,
): Promise<void> {
  const setup = createContextSetup(deps.settings(), deps.database, undefined, (message) =>
    deps.note(`warning: ${message}`),
  );
  try {
    await work(await setup.memory(), name);
  } finally {
    await setup.close();
  }
}

function label(kind: MemoryKind, source: "learned" | "user"): string {
  return source === "user" ? "rule   " : kind.padEnd(8).slice(0, 8);
}
