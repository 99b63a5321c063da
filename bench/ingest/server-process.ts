import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Whether `taskset` can pin processes to cores here (Linux with util-linux, 2 cores or more). */
export function canPin(cores: number): boolean {
  return cores >= 2 && spawnSync("taskset", ["-c", "0", "true"]).status === 0;
}

/** Pins this process, and every thread and process it starts from now on, to `core`. */
export function pinSelf(core: number): void {
  spawnSync("taskset", ["-acp", String(core), String(process.pid)], { stdio: "ignore" });
}

const started = new Set<ChildProcess>();
// A bench that fails half-way leaves no server behind to load the machine for the next one.
process.on("exit", () => {
  for (const child of started) child.kill("SIGKILL");
});

/** `node <args>`, pinned to `core` when given; taskset execs node, so the pid is node's. */
export function spawnNode(args: string[], env: Record<string, string>, core: number | undefined): ChildProcess {
  const [command, ...rest] =
    core === undefined ? [process.execPath, ...args] : ["taskset", "-c", String(core), process.execPath, ...args];
  const child = spawn(command!, rest, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  started.add(child);
  child.once("exit", () => started.delete(child));
  return child;
}

/** Resolves with the port once the server prints it (`{"port":N}` or nectr's `"url":"http://…:N"`). */
export function portOf(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      const match =
        /"port":(\d+)/.exec(chunk.toString()) ?? /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(chunk.toString());
      if (match?.[1]) resolve(Number(match[1]));
    };
    // Read everything the server writes (nectr logs each delivery), so no pipe ever fills.
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code} before it listened`)));
  });
}

/** CPU time the process (all its threads) has used, in microseconds. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}

/** The process's peak resident set (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) / 1024;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}
