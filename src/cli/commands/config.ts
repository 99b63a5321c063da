import type { Command } from "commander";
import type { Settings } from "../../config/load-settings.js";
import { resolvePaths } from "../../config/paths.js";
import { assertConfigKey, setConfigValue } from "../../config/set-config-value.js";
import { configKeyDescriptions, configKeys, envVariableForKey, type ConfigKey } from "../../config/settings-schema.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";

// `nectr config`: read and write config.json, like `gh config`. Not in the SPEC's table; it is
// the one place to see where each setting comes from (environment, file or default).

export function register(program: Command, deps: CliDeps): void {
  const config = program.command("config").description(summaryOf("config")).helpCommand(false);

  config
    .command("list")
    .description("every setting with its value and where it comes from")
    .option("--json", "print JSON")
    .action((options: { json?: boolean }) => {
      const settings = deps.settings();
      const rows = configKeys.map((key) => ({ key, value: settings[key], source: settings.sources[key] ?? "default" }));
      if (options.json) {
        deps.out.json({ configFile: settings.paths.configFile, dataDir: settings.paths.dataDir, settings: rows });
        return;
      }
      const { dim } = deps.out.color;
      deps.out.line(dim(`# ${settings.paths.configFile}`));
      for (const row of rows)
        deps.out.line(`${row.key}=${display(row.value)} ${dim(`(${sourceLabel(row.key, row.source)})`)}`);
    });

  config
    .command("get")
    .description("print the value of one setting")
    .argument("<key>", `one of: ${configKeys.join(", ")}`)
    .action((key: string) => {
      deps.out.line(display(deps.settings()[assertConfigKey(key)]));
    });

  config
    .command("set")
    .description("write one setting to config.json (mode 0600)")
    .argument("<key>", describeKeys())
    .argument("<value>", "new value")
    .action((key: string, value: string) => {
      // Paths only: a bad setting elsewhere must not stop the user from fixing it here.
      const { configFile } = resolvePaths(deps.io.env, deps.io.homeDir);
      setConfigValue(deps.io.fs, configFile, key, value);
      const variable = envVariableForKey[assertConfigKey(key)];
      if (variable && deps.io.env[variable]) {
        deps.note(`note: ${variable} is set and wins over config.json`);
      }
    });
}

function display(value: Settings[ConfigKey] | undefined): string {
  if (value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function sourceLabel(key: ConfigKey, source: string): string {
  return source === "env" ? `from ${envVariableForKey[key]}` : source === "file" ? "from config.json" : "default";
}

function describeKeys(): string {
  return configKeys.map((key) => `${key} (${configKeyDescriptions[key]})`).join("; ");
}
