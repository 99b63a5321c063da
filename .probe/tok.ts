import { countTokens } from "gpt-tokenizer";
countTokens("warm up the tokenizer a bit");
const kinds: Record<string, (n: number) => string> = {
  letters: (n) => "a".repeat(n),
  spaces: (n) => "x" + " ".repeat(n) + "x",
  punct: (n) => "=".repeat(n),
  digits: (n) => "1".repeat(n),
  mixed: (n) => "aZ".repeat(n / 2),
  code: (n) => "const value = compute(a, b); ".repeat(n / 30),
  unicode: (n) => "é".repeat(n),
  emoji: (n) => "😀".repeat(n / 2),
};
for (const [name, make] of Object.entries(kinds)) {
  const row = [name];
  for (const n of [500, 1000, 2000, 4000]) {
    const s = make(n);
    const t = performance.now();
    const c = countTokens(s);
    row.push(`${n}:${(performance.now() - t).toFixed(1)}ms/${c}`);
  }
  console.log(row.join("  "));
}
