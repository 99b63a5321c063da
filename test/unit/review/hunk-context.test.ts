import { describe, expect, it } from "vitest";
import { parsePatch } from "../../../src/diff/parse-patch.js";
import { contextAroundHunks } from "../../../src/review/hunk-context.js";

/** A one-hunk patch changing line `at` of `lines` (a context line each side), as git would cut it. */
function changeAt(lines: readonly string[], at: number, replacement: string) {
  const before = lines[at - 2] ?? "";
  const after = lines[at] ?? "";
  const patch = `@@ -${at - 1},3 +${at - 1},3 @@\n ${before}\n-${lines[at - 1]}\n+${replacement}\n ${after}`;
  const head = lines.map((line, index) => (index === at - 1 ? replacement : line));
  return { hunks: parsePatch(patch), headText: `${head.join("\n")}\n` };
}

const body = (count: number, indent: string) =>
  Array.from({ length: count }, (_, index) => `${indent}total += step(${index});`);

describe("the unchanged code sent around a hunk", () => {
  it("is the file's imports and the signatures of the class and method a change deep in a long method sits in", () => {
    const file = [
      'import { step } from "./step";',
      "import {",
      "  Item,",
      "  Order,",
      '} from "./model";',
      "",
      "export class Totals {",
      "  private total = 0;",
      "",
      "  sum(items: Item[], order: Order): number {",
      "    let total = 0;",
      ...body(40, "    "),
      "    return total;",
      "  }",
      "}",
    ];
    const { hunks, headText } = changeAt(file, 45, "    total += step(99);");
    const context = contextAroundHunks(headText, hunks);
    expect(context.imports.map((line) => line.text)).toEqual(file.slice(0, 5));
    expect(context.before.get(hunks[0]!)).toEqual([
      { line: 7, text: "export class Totals {" },
      { line: 10, text: "  sum(items: Item[], order: Order): number {" },
    ]);
  });

  it("names a signature written over several lines by its first line", () => {
    const file = [
      "export async function publish(",
      "  target: string,",
      "  retries: number,",
      "): Promise<void> {",
      ...body(20, "  "),
      "}",
    ];
    const { hunks, headText } = changeAt(file, 20, "  total += 1;");
    expect(context(headText, hunks)).toEqual(["export async function publish(", "): Promise<void> {"]);
  });

  it("brings every line between a near opener and the hunk, and follows Python's blocks", () => {
    const file = [
      "class Cart:",
      "    def add(self, item):",
      "        if item.price > 0:",
      "            self.items.append(item)",
      "            self.total += item.price",
      "            self.count += 1",
      "            self.log(item)",
    ];
    const { hunks, headText } = changeAt(file, 6, "            self.count += 2");
    expect(context(headText, hunks)).toEqual([
      "class Cart:",
      "    def add(self, item):",
      "        if item.price > 0:",
      "            self.items.append(item)",
    ]);
  });

  it("skips closing lines on the way up, and sends nothing for a change at the top level", () => {
    const file = [
      "function a() {",
      "  if (x) {",
      "    one();",
      "  }",
      "  two();",
      "  three();",
      "  four();",
      "}",
      "export const b = 1;",
      "export const c = 2;",
      "export const d = 3;",
    ];
    const inside = changeAt(file, 6, "  three(3);");
    expect(context(inside.headText, inside.hunks)).toEqual(["function a() {", "  if (x) {", "    one();", "  }"]);
    const top = changeAt(file, 10, "export const c = 3;");
    expect(context(top.headText, top.hunks)).toEqual([]);
  });
  it("costs a linear pass over hostile lines: 200,000 characters each, made to make patterns backtrack", () => {
    const long = (unit: string, tail = "x") => unit.repeat(Math.ceil(200_000 / unit.length)).slice(0, 200_000) + tail;
    const hostile = [long("const", " "), long("const a", " "), long("{ "), long("do |"), long("(", ""), long(" ", "{")];
    const file = [...hostile, "function f() {", ...hostile.map((line) => `  ${line}`), "  return 1;", "}"];
    const { hunks, headText } = changeAt(file, file.length - 1, "  return 2;");
    const started = performance.now();
    contextAroundHunks(headText, hunks);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});

function context(headText: string, hunks: ReturnType<typeof parsePatch>): string[] {
  return (contextAroundHunks(headText, hunks).before.get(hunks[0]!) ?? []).map((line) => line.text);
}
