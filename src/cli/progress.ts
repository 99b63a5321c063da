import ora from "ora";
import type { OutputStream } from "./io.js";

export interface Progress {
  step(text: string): void;
  stop(): void;
}

/**
 * A spinner on stderr with the current step, only when stderr is a terminal of a known width;
 * silent otherwise. A terminal that reports 0 columns (`script`, some CI containers) would make
 * ora clear "infinitely many" lines, writing without end.
 */
export function createProgress(stderr: OutputStream, env: Readonly<Record<string, string | undefined>>): Progress {
  if (stderr.isTTY !== true || !(typeof stderr.columns === "number" && stderr.columns > 0))
    return { step: () => {}, stop: () => {} };
  const spinner = ora({ stream: stderr, color: env.NO_COLOR ? false : "cyan", discardStdin: false });
  return {
    step: (text) => {
      spinner.text = text;
      if (!spinner.isSpinning) spinner.start();
    },
    stop: () => spinner.stop(),
  };
}
