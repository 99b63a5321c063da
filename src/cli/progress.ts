import ora from "ora";
import type { OutputStream } from "./io.js";

export interface Progress {
  step(text: string): void;
  stop(): void;
}

/** A spinner on stderr with the current step, only when stderr is a terminal; silent otherwise. */
export function createProgress(stderr: OutputStream, env: Readonly<Record<string, string | undefined>>): Progress {
  if (stderr.isTTY !== true) return { step: () => {}, stop: () => {} };
  const spinner = ora({ stream: stderr, color: env.NO_COLOR ? false : "cyan", discardStdin: false });
  return {
    step: (text) => {
      spinner.text = text;
      if (!spinner.isSpinning) spinner.start();
    },
    stop: () => spinner.stop(),
  };
}
