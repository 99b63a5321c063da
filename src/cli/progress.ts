import type { Ora } from "ora";
import type { OutputStream } from "./io.js";

export interface Progress {
  step(text: string): void;
  stop(): void;
}

/**
 * A spinner on stderr with the current step, only when stderr is a terminal of a known width;
 * silent otherwise. A terminal that reports 0 columns (`script`, some CI containers) would make
 * ora clear "infinitely many" lines, writing without end. ora loads on the first step, after the
 * command has started.
 */
export function createProgress(stderr: OutputStream, env: Readonly<Record<string, string | undefined>>): Progress {
  if (stderr.isTTY !== true || !(typeof stderr.columns === "number" && stderr.columns > 0))
    return { step: () => {}, stop: () => {} };
  let spinner: Ora | undefined;
  let loading: Promise<void> | undefined;
  let text = "";
  let stopped = false;
  return {
    step(next) {
      text = next;
      if (spinner) {
        spinner.text = text;
        if (!spinner.isSpinning) spinner.start();
        return;
      }
      loading ??= import("ora").then(({ default: ora }) => {
        if (stopped) return;
        spinner = ora({ stream: stderr, color: env.NO_COLOR ? false : "cyan", discardStdin: false }).start(text);
      });
    },
    stop() {
      stopped = true;
      spinner?.stop();
    },
  };
}
