import { z } from "zod";
import { readConfigFile, writeConfigFile, type ConfigFileSystem } from "../config/config-file.js";
import { UsageError } from "../errors.js";

// hosts.json in the config folder (mode 0600): who is logged in on each GitHub host, and the
// token itself only when no keychain could take it (like gh's hosts.yml).

const hostEntry = z.strictObject({ user: z.string().min(1), token: z.string().min(1).optional() });
const hostsSchema = z.record(z.string(), hostEntry);

export type HostEntry = z.infer<typeof hostEntry>;
export type Hosts = z.infer<typeof hostsSchema>;

export function readHosts(fs: ConfigFileSystem, file: string): Hosts {
  const result = hostsSchema.safeParse(readConfigFile(fs, file));
  if (!result.success) {
    throw new UsageError(`${file} is not in the form nectr writes`, { hint: "delete it and run nectr login again" });
  }
  return result.data;
}

export function writeHosts(fs: ConfigFileSystem, file: string, hosts: Hosts): void {
  writeConfigFile(fs, file, hosts);
}
