import { readFileSync } from "node:fs";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";

// The OASIS SARIF 2.1.0 schema (errata 01), vendored: it is JSON Schema draft-04, hence ajv-draft-04.
// Both packages are CommonJS with a default export; under NodeNext the import is the module object.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const schema: Record<string, unknown> = JSON.parse(
  readFileSync(new URL("../fixtures/sarif/sarif-schema-2.1.0.json", import.meta.url), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about a SARIF log, one a line (where and what); empty when it is valid. */
export function validateSarif(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
}
