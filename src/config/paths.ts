import path from "node:path";

export interface NectrPaths {
  configDir: string;
  dataDir: string;
  configFile: string;
  /** Who is logged in on each GitHub host (and the token, when no keychain took it). */
  hostsFile: string;
  /** The GitHub App nectr runs as (`nectr app use`), its key and webhook secret sealed. */
  appFile: string;
  databaseFile: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where nectr keeps its files: everything under NECTR_HOME when set, otherwise the XDG base
 * directories (https://specifications.freedesktop.org/basedir-spec/latest/), whose variables
 * count only when they hold an absolute path.
 */
export function resolvePaths(env: Env, homeDir: string): NectrPaths {
  const home = env.NECTR_HOME ? path.resolve(env.NECTR_HOME) : undefined;
  const configDir = home ?? path.join(xdgBase(env.XDG_CONFIG_HOME, homeDir, ".config"), "nectr");
  const dataDir = home ?? path.join(xdgBase(env.XDG_DATA_HOME, homeDir, ".local/share"), "nectr");
  return {
    configDir,
    dataDir,
    configFile: path.join(configDir, "config.json"),
    hostsFile: path.join(configDir, "hosts.json"),
    appFile: path.join(configDir, "app.json"),
    databaseFile: path.join(dataDir, "nectr.db"),
  };
}

function xdgBase(value: string | undefined, homeDir: string, fallback: string): string {
  return absoluteOrUndefined(value) ?? path.join(homeDir, fallback);
}

function absoluteOrUndefined(value: string | undefined): string | undefined {
  return value && path.isAbsolute(value) ? value : undefined;
}
