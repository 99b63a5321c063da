import { runRules } from "/work/main/src/review/rules/built-in-rules.ts";
import { addedFile } from "/work/main/test/unit/review/rules/review-file.ts";
for (const n of [50_000, 100_000, 200_000, 400_000]) {
  const line = "token=".repeat(n / 6);
  const t = performance.now();
  runRules([addedFile(".env", [line])]);
  console.log(n, (performance.now() - t).toFixed(1), "ms");
}
