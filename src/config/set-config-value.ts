import { UsageError } from "../errors.js";
import { readConfigFile, writeConfigFile, type ConfigFileSystem } from "./config-file.js";
import { parseConfigFileValues } from "./load-settings.js";
import { configFileSchema, configKeys, type ConfigKey, type ConfigFileValues } from "./settings-schema.js";

export function isConfigKey(key: string): key is ConfigKey {
  return configKeys.some((known) => known === key);
}

export function assertConfigKey(key: string): ConfigKey {
  if (isConfigKey(key)) return key;
  throw new UsageError(`unknown setting "${key}"`, { hint: `known settings: ${configKeys.join(", ")}` });
}

/**
 * Sets one key in config.json and writes the file back (0600). The value is taken as text
 * first and, when the key wants a number or an object, as JSON (`port 8080`, `mcpServers {...}`).
 * The whole file is validated before anything is written.
 */
export function setConfigValue(fs: ConfigFileSystem, file: string, key: string, value: string): ConfigFileValues {
  const configKey = assertConfigKey(key);
  const current = readConfigFile(fs, file);
  const asText = { ...current, [configKey]: value };
  const candidate = configFileSchema.safeParse(asText).success ? asText : { ...current, [configKey]: parseJson(value) };
  const values = parseConfigFileValues(candidate, file);
  writeConfigFile(fs, file, values);
  return values;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
