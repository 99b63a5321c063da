import { Volume, createFsFromVolume } from "memfs";
import type { ConfigFileSystem } from "../../src/config/config-file.js";

/**
 * An in-memory disk (memfs, the design card's choice for config-file unit tests) behind the
 * port the config module takes. The real disk is covered through the real process in e2e tests.
 */
export function memoryFs(files: Record<string, string> = {}) {
  const volume = Volume.fromJSON(files);
  const fs = createFsFromVolume(volume);
  const port: ConfigFileSystem = {
    readFileSync: (file, encoding) => String(fs.readFileSync(file, encoding)),
    writeFileSync: (file, data, options) => fs.writeFileSync(file, data, options),
    renameSync: (from, to) => fs.renameSync(from, to),
    mkdirSync: (dir, options) => fs.mkdirSync(dir, options),
  };
  return { volume, fs, port };
}
