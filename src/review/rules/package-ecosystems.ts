/** A package manager's manifest (what the project asks for) and the lock files that pin what it gets. */
export interface PackageEcosystem {
  manifest: string;
  locks: readonly string[];
}

// uv, PDM, Bun and npm's shrinkwrap are listed too, so a pyproject.toml or package.json change that came with
// their lock file is not reported as missing one.
export const PACKAGE_ECOSYSTEMS: readonly PackageEcosystem[] = [
  {
    manifest: "package.json",
    locks: ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"],
  },
  { manifest: "Cargo.toml", locks: ["Cargo.lock"] },
  { manifest: "pyproject.toml", locks: ["poetry.lock", "uv.lock", "pdm.lock"] },
  { manifest: "Gemfile", locks: ["Gemfile.lock"] },
  { manifest: "go.mod", locks: ["go.sum"] },
  { manifest: "composer.json", locks: ["composer.lock"] },
];

export const LOCK_FILE_NAMES: ReadonlySet<string> = new Set(PACKAGE_ECOSYSTEMS.flatMap(({ locks }) => locks));
