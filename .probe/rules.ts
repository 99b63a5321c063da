import { runRules } from "/work/main/src/review/rules/built-in-rules.ts";
import { addedFile } from "/work/main/test/unit/review/rules/review-file.ts";
import { countTokens } from "gpt-tokenizer";
const cases: [string, string, (n: number) => string][] = [
  ["toml header", "Cargo.toml", (n) => "[" + " ".repeat(n) + "x"],
  ["token=", "a.env", (n) => "token=".repeat(n / 6)],
  ["console.log spaces", "a.js", (n) => "console.log()" + " ".repeat(n) + "x"],
  ["xoxb", "a.txt", (n) => "xoxb-" + "a-".repeat(n / 2)],
];
for (const [name, path, make] of cases) {
  for (const n of [1000, 2000, 4000]) {
    const file = addedFile(path, [make(n)]);
    const t = performance.now();
    runRules([file]);
    console.log(name, n, (performance.now() - t).toFixed(1), "ms");
  }
}
for (const n of [1000, 2000, 4000, 8000]) {
  const t = performance.now();
  countTokens("a".repeat(n));
  console.log("tokens run", n, (performance.now() - t).toFixed(1), "ms");
}
