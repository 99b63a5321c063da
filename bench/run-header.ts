import { arch, cpus, platform } from "node:os";
import { relative } from "node:path";

/** The lines every benchmark prints first: the command that ran it and the machine it ran on. */
export function runHeader(): string[] {
  const [cpu] = cpus();
  return [
    `command: node ${process.execArgv.join(" ")} ${relative(process.cwd(), process.argv[1] ?? "")}`,
    `machine: ${cpu?.model.trim()}, ${cpus().length} cores, ${platform()} ${arch()}, Node ${process.version}`,
  ];
}
