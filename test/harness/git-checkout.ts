import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./run-nectr.js";

export interface GitCheckout {
  dir: string;
  /** Runs git in the checkout as the author "Dev"; returns its stdout. */
  git: (...args: string[]) => string;
  write: (file: string, text: string | Buffer) => void;
}

/** A fresh git repository on branch main with one commit (app.py), removed by removeTempDirs. */
export function gitCheckout(): GitCheckout {
  const dir = tempDir("nectr-local-");
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Dev",
        GIT_AUTHOR_EMAIL: "dev@example.com",
        GIT_COMMITTER_NAME: "Dev",
        GIT_COMMITTER_EMAIL: "dev@example.com",
      },
    });
  const write = (file: string, text: string | Buffer) => writeFileSync(path.join(dir, file), text);
  git("init", "-q", "-b", "main");
  write("app.py", "def main():\n    return 1\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  return { dir, git, write };
}
