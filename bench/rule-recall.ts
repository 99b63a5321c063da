// How well the built-in checks do: recall on the planted set, per category, and false positives on the clean
// corpus, per source. A measure of correctness, not of speed; the same figures are asserted by
// test/unit/review/rules/rule-accuracy.test.ts. Name other checkouts on the command line to list what the checks
// find in them too (`bench/rule-recall.ts ~/src/some-project`).
import { CLEAN_SOURCES, measureCleanCorpus } from "../test/fixtures/rules/clean-corpus.js";
import { PLANTED_CASES } from "../test/fixtures/rules/planted/planted-set.js";
import { measurePlantedRecall } from "../test/fixtures/rules/planted-recall.js";
import { runHeader } from "./run-header.js";

const count = (n: number) => n.toLocaleString("en-US");
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
// Planted values are made up, but a printed line still shows no run of key characters whole.
const shortened = (text: string) =>
  text
    .trim()
    .replace(/[A-Za-z0-9+/-]{16,}/g, (run) => `${run.slice(0, 4)}…`)
    .slice(0, 90);

const { categories } = measurePlantedRecall();
const clean = measureCleanCorpus();

for (const line of runHeader()) console.log(line);
const plantedLines = categories.reduce((sum, { planted }) => sum + planted, 0);
console.log(
  `planted: ${plantedLines} problems on ${PLANTED_CASES.length} planted files in ${categories.length} categories ` +
    "(test/fixtures/rules/planted/), added in one diff and run through runRules as a review runs them",
);
console.log("");
const widest = Math.max(...categories.map(({ category }) => category.length));
console.log(`${"category".padEnd(widest)}  planted  found  recall  by another rule  off the planted lines`);
for (const row of [...categories, total(categories)]) {
  console.log(
    `${row.category.padEnd(widest)}  ${String(row.planted).padStart(7)}  ${String(row.found).padStart(5)}  ` +
      `${percent(row.found, row.planted).padStart(6)}  ${String(row.otherRule).padStart(15)}  ` +
      `${String(row.offPlanted).padStart(21)}`,
  );
}
const missed = categories.flatMap((category) => category.missed);
if (missed.length > 0) console.log(`\nmissed (${missed.length}):`);
for (const miss of missed) console.log(`  ${miss.rule.padEnd(16)} ${miss.path}:${miss.line}  ${shortened(miss.text)}`);

console.log(
  `\nclean corpus: ${CLEAN_SOURCES.length} sources, every file added in one diff per source; a finding is a false ` +
    "positive unless listed as true (test/fixtures/rules/clean-true-findings.ts)",
);
console.log("");
const sourceWidth = Math.max(...clean.map(({ name }) => name.length), "all".length);
console.log(`${"source".padEnd(sourceWidth)}  files    lines  findings  true  false positives  per 1,000 lines`);
const allClean = {
  name: "all",
  files: clean.reduce((sum, { files }) => sum + files, 0),
  lines: clean.reduce((sum, { lines }) => sum + lines, 0),
  findings: clean.flatMap(({ findings }) => findings),
  falsePositives: clean.reduce((sum, { falsePositives }) => sum + falsePositives, 0),
};
for (const source of [...clean, allClean]) {
  const trueFindings = source.findings.length - source.falsePositives;
  console.log(
    `${source.name.padEnd(sourceWidth)}  ${String(source.files).padStart(5)}  ${count(source.lines).padStart(7)}  ` +
      `${String(source.findings.length).padStart(8)}  ${String(trueFindings).padStart(4)}  ` +
      `${String(source.falsePositives).padStart(15)}  ${((1000 * source.falsePositives) / source.lines).toFixed(2).padStart(15)}`,
  );
}
const falsePositives = allClean.findings.filter(({ trueBecause }) => trueBecause === null);
if (falsePositives.length > 0) console.log(`\nfalse positives (${falsePositives.length}):`);
for (const { finding, text } of falsePositives) {
  console.log(`  ${finding.rule.padEnd(16)} ${finding.path}:${finding.line}  ${shortened(text)}`);
}

// Any other checkout named on the command line: its findings listed for a person to judge, none counted as true.
for (const root of process.argv.slice(2)) {
  const [other] = measureCleanCorpus([{ name: root, root, paths: ["."] }]);
  if (other === undefined) continue;
  const byRule = new Map<string, number>();
  for (const { finding } of other.findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  console.log(
    `\n${root}: ${other.files} files, ${count(other.lines)} lines, ${other.findings.length} findings, to judge by hand`,
  );
  for (const [rule, n] of byRule) console.log(`  ${rule.padEnd(28)} ${n}`);
  for (const { finding, text } of other.findings) {
    console.log(`  ${finding.rule.padEnd(16)} ${finding.path}:${finding.line}  ${shortened(text)}`);
  }
}

function total(rows: typeof categories) {
  return {
    category: "all",
    planted: rows.reduce((sum, { planted }) => sum + planted, 0),
    found: rows.reduce((sum, { found }) => sum + found, 0),
    otherRule: rows.reduce((sum, { otherRule }) => sum + otherRule, 0),
    offPlanted: rows.reduce((sum, { offPlanted }) => sum + offPlanted, 0),
  };
}
