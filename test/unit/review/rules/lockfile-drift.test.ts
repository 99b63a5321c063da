import { describe, expect, it } from "vitest";
import { lockfileDriftRule } from "../../../../src/review/rules/lockfile-drift.js";
import type { Finding, ReviewFile } from "../../../../src/review/types.js";
import { addedFile, reviewFile } from "./review-file.js";

const PACKAGE_JSON = `{
  "name": "app",
  "version": "1.0.1",
  "dependencies": {
    "express": "^4.19.2",
    "lodash": "^4.17.21",
    "zod": "^3.23.8"
  },
  "scripts": { "test": "vitest" }
}
`;

/** package.json gaining `zod` on line 7, in a hunk that does not show the `"dependencies": {` line. */
function packageJsonAddingZod(path = "package.json", withText = true): ReviewFile {
  const headText = withText ? PACKAGE_JSON : undefined;
  return reviewFile(path, ['     "lodash": "^4.17.21",', '+    "zod": "^3.23.8"', "   },"], { start: 6, headText });
}

function rulesAt(files: ReviewFile[]): [string, string, number, string][] {
  return lockfileDriftRule.check(files).map(({ rule, path, line, side }: Finding) => [rule, path, line, side]);
}

describe("lock file drift", () => {
  it("flags a lock file changed without its manifest, on its first added line", () => {
    const lock = reviewFile(
      "package-lock.json",
      ['   "name": "app",', '-  "version": "1.0.0",', '+  "version": "1.0.1",'],
      {
        start: 2,
      },
    );
    expect(lockfileDriftRule.check([lock])).toEqual([
      {
        path: "package-lock.json",
        line: 3,
        startLine: null,
        side: "RIGHT",
        severity: "warning",
        rule: "deps/lock-without-manifest",
        title: "`package-lock.json` changed but `package.json` did not",
        body: expect.stringContaining("restore the file from the base branch"),
        suggestion: null,
      },
    ]);
  });

  it("anchors on the first deleted line, on the LEFT side, when the lock file only lost lines", () => {
    const lock = reviewFile("yarn.lock", ["   dependencies:", '-    left-pad "^1.3.0"', '-    is-odd "^3.0.1"'], {
      start: 10,
    });
    expect(rulesAt([lock])).toEqual([["deps/lock-without-manifest", "yarn.lock", 11, "LEFT"]]);
  });

  it("knows the lock file of each package manager", () => {
    const locks = [
      "Cargo.lock",
      "poetry.lock",
      "Gemfile.lock",
      "go.sum",
      "composer.lock",
      "pnpm-lock.yaml",
      "npm-shrinkwrap.json",
    ];
    const findings = lockfileDriftRule.check(locks.map((lock) => addedFile(`svc/${lock}`, ["changed"])));
    expect(findings.map(({ rule, title }) => [rule, title])).toEqual(
      expect.arrayContaining([
        ["deps/lock-without-manifest", "`Cargo.lock` changed but `Cargo.toml` did not"],
        ["deps/lock-without-manifest", "`poetry.lock` changed but `pyproject.toml` did not"],
        ["deps/lock-without-manifest", "`Gemfile.lock` changed but `Gemfile` did not"],
        ["deps/lock-without-manifest", "`go.sum` changed but `go.mod` did not"],
        ["deps/lock-without-manifest", "`composer.lock` changed but `composer.json` did not"],
        ["deps/lock-without-manifest", "`pnpm-lock.yaml` changed but `package.json` did not"],
      ]),
    );
    expect(findings).toHaveLength(locks.length);
  });

  it("accepts a lock file whose manifest changed too, in its folder or in a workspace below it", () => {
    expect(rulesAt([addedFile("package-lock.json", ["x"]), packageJsonAddingZod()])).toEqual([]);
    expect(rulesAt([addedFile("pnpm-lock.yaml", ["x"]), packageJsonAddingZod("packages/api/package.json")])).toEqual(
      [],
    );
  });

  it("flags a lock file whose manifest changed only in another folder", () => {
    expect(rulesAt([addedFile("web/yarn.lock", ["x"]), addedFile("api/package.json", ['  "private": true'])])).toEqual([
      ["deps/lock-without-manifest", "web/yarn.lock", 1, "RIGHT"],
    ]);
  });

  it("ignores removed, binary and unchanged (renamed) lock files", () => {
    const removed = reviewFile("yarn.lock", ["-a", "-b"], { status: "removed" });
    const binary = addedFile("bun.lockb", ["x"], { binary: true });
    const renamed: ReviewFile = { ...addedFile("app/Cargo.lock", []), status: "renamed", hunks: [] };
    expect(rulesAt([removed, binary, renamed])).toEqual([]);
  });

  it("flags a dependency added to package.json without a lock file, on the dependency's line", () => {
    expect(lockfileDriftRule.check([packageJsonAddingZod()])).toEqual([
      {
        path: "package.json",
        line: 7,
        startLine: null,
        side: "RIGHT",
        severity: "warning",
        rule: "deps/manifest-without-lock",
        title: "Dependencies changed in `package.json` but no lock file did",
        body: expect.stringContaining("`package-lock.json` or `npm-shrinkwrap.json` or `yarn.lock`"),
        suggestion: null,
      },
    ]);
  });

  it("without the file's text, sees only dependency blocks whose opening line is in the hunk", () => {
    expect(rulesAt([packageJsonAddingZod("package.json", false)])).toEqual([]);
    const opened = reviewFile(
      "package.json",
      ['   "devDependencies": {', '+    "vitest": "^2.0.0",', '     "zod": "^3.23.8"'],
      {
        start: 4,
      },
    );
    expect(rulesAt([opened])).toEqual([["deps/manifest-without-lock", "package.json", 5, "RIGHT"]]);
  });

  it("ignores package.json changes outside the dependency blocks", () => {
    const bump = reviewFile("package.json", ['-  "version": "1.0.0",', '+  "version": "1.0.1",'], {
      start: 3,
      headText: PACKAGE_JSON,
    });
    expect(rulesAt([bump])).toEqual([]);
  });

  it("accepts a manifest whose lock file changed in its folder or a folder above, but not beside it", () => {
    expect(rulesAt([packageJsonAddingZod("packages/api/package.json"), addedFile("yarn.lock", ["x"])])).toEqual([]);
    expect(
      rulesAt([packageJsonAddingZod("packages/api/package.json"), addedFile("packages/web/yarn.lock", ["x"])]),
    ).toEqual([
      ["deps/lock-without-manifest", "packages/web/yarn.lock", 1, "RIGHT"],
      ["deps/manifest-without-lock", "packages/api/package.json", 7, "RIGHT"],
    ]);
  });

  it("finds dependency lines in Cargo.toml, pyproject.toml, Gemfile, go.mod and composer.json", () => {
    const cargo = '[package]\nname = "app"\nversion = "0.2.0"\n\n[dependencies]\nserde = "1"\n';
    const pyproject = '[project]\nname = "app"\ndependencies = [\n  "requests[socks]>=2",\n  "rich",\n]\n';
    const composer = '{\n  "require": {\n    "monolog/monolog": "^3.0"\n  }\n}\n';
    const manifests = [
      reviewFile("Cargo.toml", ['-version = "0.1.0"', '+version = "0.2.0"', " ", " [dependencies]", '+serde = "1"'], {
        start: 3,
        headText: cargo,
      }),
      reviewFile("py/pyproject.toml", ['   "requests[socks]>=2",', '+  "rich",', " ]"], {
        start: 4,
        headText: pyproject,
      }),
      addedFile("Gemfile", ["source 'https://rubygems.org'", "gem 'rails', '~> 7.1'"]),
      addedFile("go.mod", ["module example.com/app", "", "go 1.22", "require golang.org/x/text v0.14.0 // indirect"]),
      reviewFile("composer.json", ['+    "monolog/monolog": "^3.0"'], { start: 3, headText: composer }),
    ];
    expect(rulesAt(manifests)).toEqual([
      ["deps/manifest-without-lock", "Cargo.toml", 6, "RIGHT"],
      ["deps/manifest-without-lock", "py/pyproject.toml", 5, "RIGHT"],
      ["deps/manifest-without-lock", "Gemfile", 2, "RIGHT"],
      ["deps/manifest-without-lock", "go.mod", 4, "RIGHT"],
      ["deps/manifest-without-lock", "composer.json", 3, "RIGHT"],
    ]);
  });

  it("ignores TOML changes outside dependency tables and arrays", () => {
    const cargo = '[package]\nname = "app"\nversion = "0.2.0"\n\n[dependencies]\nserde = "1"\n';
    const bump = reviewFile("Cargo.toml", ['-version = "0.1.0"', '+version = "0.2.0"'], { start: 3, headText: cargo });
    expect(rulesAt([bump])).toEqual([]);
  });
});
