import type { z } from "zod";

export type ParsedModelJson<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * The JSON object in a model's answer, checked against the schema. Accepts a bare object or one
 * inside a ```json fence or surrounding prose, since not every OpenAI-compatible server enforces
 * the response format. Never trusts the shape: the schema decides.
 */
export function parseModelJson<T>(content: string, schema: z.ZodType<T>): ParsedModelJson<T> {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start === -1 || end <= start) return { ok: false, problem: "its answer held no JSON object" };
  let value: unknown;
  try {
    value = JSON.parse(content.slice(start, end + 1));
  } catch {
    return { ok: false, problem: "its answer was not valid JSON" };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    problem: `its JSON did not fit the schema (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"})`,
  };
}
