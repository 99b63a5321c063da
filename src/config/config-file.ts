import path from "node:path";
import { UsageError } from "../errors.js";

/** The part of node:fs the config file needs; tests pass memfs. */
export interface ConfigFileSystem {
  readFileSync(file: string, encoding: "utf8"): string;
  writeFileSync(file: string, data: string, options: { mode: number }): void;
  renameSync(from: string, to: string): void;
  mkdirSync(dir: string, options: { recursive: true; mode: number }): unknown;
}

/** The raw JSON object in config.json, not yet validated; `{}` when there is no file. */
export function readConfigFile(fs: ConfigFileSystem, file: string): object {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return {};
    throw new UsageError(`cannot read ${file} (${errorCode(error) ?? "unknown error"})`, {
      hint: "check the file's owner and permissions",
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON`, {
      hint: "fix the file or delete it to start over",
      cause: error,
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} must hold a JSON object`, { hint: "fix the file or delete it" });
  }
  return parsed;
}

/**
 * Writes config.json with mode 0600 in a 0700 folder. The new text goes to a temporary file
 * that is renamed over the old one, so a crash never leaves a half-written config.
 */
export function writeConfigFile(fs: ConfigFileSystem, file: string, data: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
