import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parseModelJson } from "../../../src/llm/parse-model-json.js";

const schema = z.object({ verdict: z.enum(["approve", "comment"]) });

describe("parseModelJson", () => {
  it("takes a bare object, or one inside a fence or prose", () => {
    expect(parseModelJson('{"verdict":"comment"}', schema)).toEqual({ ok: true, value: { verdict: "comment" } });
    expect(parseModelJson('Here:\n```json\n{"verdict": "approve"}\n```', schema)).toEqual({
      ok: true,
      value: { verdict: "approve" },
    });
  });

  it("refuses prose, broken JSON and JSON outside the schema, saying which", () => {
    expect(parseModelJson("Looks good, approve!", schema)).toEqual({
      ok: false,
      problem: "its answer held no JSON object",
    });
    expect(parseModelJson('{"verdict": ', schema)).toMatchObject({ ok: false });
    expect(parseModelJson('{"verdict": "merge it"}', schema)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("verdict"),
    });
  });
});
