import { UsageError } from "../errors.js";
import { readConfigFile, writeConfigFile, type ConfigFileSystem } from "./config-file.js";
import { describeIssue, parseConfigFileValues } from "./load-settings.js";
import {
  configFileSchema,
  configKeyExamples,
  configKeys,
  isConfigKey,
  type ConfigKey,
  type ConfigFileValues,
} from "./settings-schema.js";

export function assertConfigKey(key: string): ConfigKey {
  if (isConfigKey(key)) return key;
  throw new UsageError(`unknown setting "${key}"`, { hint: `known settings: ${configKeys.join(", ")}` });
}

/**
 * Sets one key in config.json and writes the file back (0600). The value is taken as text
 * first and, when the key wants a number or an object, as JSON (`port 8080`, `mcpServers {...}`).
 * The value is checked on its own (a bad one is the user's typo, not the file's), then the whole
 * file, before anything is written.
 */
export function setConfigValue(fs: ConfigFileSystem, file: string, key: string, value: string): ConfigFileValues {
  const configKey = assertConfigKey(key);
  const typed = typedValue(configKey, value);
  const values = parseConfigFileValues({ ...readConfigFile(fs, file), [configKey]: typed }, file);
  writeConfigFile(fs, file, values);
  return values;
}

function typedValue(key: ConfigKey, value: string): unknown {
  const asText = configFileSchema.safeParse({ [key]: value });
  if (asText.success) return value;
  const json = parseJson(value);
  const asJson = json === undefined ? asText : configFileSchema.safeParse({ [key]: json });
  if (asJson.success) return json;
  throw new UsageError(describeIssue(asJson.error.issues[0], { container: key, nameOf: (name) => name }), {
    hint: `e.g. nectr config set ${key} ${configKeyExamples[key]}`,
  });
}

/** JSON, except that a number must be written in plain digits: `1e3`, ` 80` and `-0` are typos here. */
function parseJson(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "number" && !/^\d+(\.\d+)?$/.test(value) ? value : parsed;
  } catch {
    return undefined;
  }
}
