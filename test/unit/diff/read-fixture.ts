import { readFileSync } from "node:fs";

/**
 * A file of test/fixtures/diffs, made by real git with make-fixtures.sh there. Read as UTF-8, as
 * nectr reads GitHub's answers: bytes that are not UTF-8 become U+FFFD.
 */
export function readDiffFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/diffs/${name}`, import.meta.url), "utf8");
}
