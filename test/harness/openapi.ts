import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// Validates simulator answers against GitHub's published OpenAPI description (@octokit/openapi),
// so the simulator cannot drift from the real API's shapes.

interface Operation {
  responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, unknown> };
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; under NodeNext the import is the module object.
const addFormats = addFormatsModule.default;

export class GitHubOpenApi {
  private static loaded: GitHubOpenApi | undefined;
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly templates: { template: string; pattern: RegExp }[];
  private readonly validators = new Map<string, ValidateFunction>();

  private readonly description: Description;

  private constructor(description: Description) {
    this.description = description;
    adaptNullable(description);
    addFormats(this.ajv);
    this.ajv.addSchema({ components: description.components, paths: description.paths }, "github");
    this.templates = Object.keys(description.paths).map((template) => ({
      template,
      // `{path}` in /contents/{path} spans several segments.
      pattern: new RegExp(`^${template.replace(/\{path\}$/, ".+").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
  }

  /** The api.github.com description, parsed once per test process (13 MB). */
  static load(): GitHubOpenApi {
    const file = path.join(
      path.dirname(require.resolve("@octokit/openapi/package.json")),
      "generated",
      "api.github.com.json",
    );
    GitHubOpenApi.loaded ??= new GitHubOpenApi(JSON.parse(readFileSync(file, "utf8")));
    return GitHubOpenApi.loaded;
  }

  /** The path template a concrete path belongs to; literal segments beat parameters. */
  templateFor(concretePath: string): string | undefined {
    const matches = this.templates.filter(({ pattern }) => pattern.test(concretePath));
    matches.sort((a, b) => literalSegments(b.template) - literalSegments(a.template));
    return matches[0]?.template;
  }

  /** Errors of a JSON answer against the documented response schema; [] when it conforms. */
  validate(method: string, concretePath: string, status: number, body: unknown): string[] {
    const template = this.templateFor(concretePath);
    if (!template) return [`no documented path for ${concretePath}`];
    const validator = this.validatorFor(template, method.toLowerCase(), String(status));
    if (typeof validator === "string") return [validator];
    if (validator(body)) return [];
    return (validator.errors ?? [])
      .slice(0, 10)
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
  }

  /** Errors of a JSON request body against the documented request schema; [] when it conforms. */
  validateRequest(method: string, concretePath: string, body: unknown): string[] {
    const template = this.templateFor(concretePath);
    const lower = method.toLowerCase();
    if (!template || !this.description.paths[template]?.[lower]?.requestBody)
      return [`no documented request body for ${method} ${concretePath}`];
    const key = `request ${lower} ${template}`;
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile({
        $ref: `github#/paths/${pointer(template)}/${lower}/requestBody/content/${pointer("application/json")}/schema`,
      });
      this.validators.set(key, validator);
    }
    if (validator(body)) return [];
    return (validator.errors ?? []).slice(0, 10).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
  }

  private validatorFor(template: string, method: string, status: string): ValidateFunction | string {
    const key = `${method} ${template} ${status}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    const response = this.description.paths[template]?.[method]?.responses?.[status];
    if (!response) return `no documented ${status} answer for ${method.toUpperCase()} ${template}`;
    const base = response.$ref ? response.$ref.slice(1) : `/paths/${pointer(template)}/${method}/responses/${status}`;
    const validator = this.ajv.compile({ $ref: `github#${base}/content/${pointer("application/json")}/schema` });
    this.validators.set(key, validator);
    return validator;
  }
}

/**
 * OpenAPI 3.0's `nullable` in the forms Ajv does not take: next to an `enum` (null must be listed)
 * and without a `type` (rewritten as "this or null").
 */
function adaptNullable(node: unknown): void {
  if (typeof node !== "object" || node === null) return;
  for (const value of Object.values(node)) adaptNullable(value);
  // An installation's `account` is "a user or an enterprise" (anyOf, as components/schemas/
  // installation says), but the copies inlined under paths say allOf, which nothing can match.
  const allOf: unknown = Reflect.get(node, "allOf");
  if (
    Array.isArray(allOf) &&
    allOf.map((member) => Reflect.get(Object(member), "title")).join() === "Simple User,Enterprise"
  ) {
    Reflect.deleteProperty(node, "allOf");
    Reflect.set(node, "anyOf", allOf);
  }
  if (Array.isArray(node) || Reflect.get(node, "nullable") !== true) return;
  const values: unknown = Reflect.get(node, "enum");
  if (Array.isArray(values) && !values.includes(null)) Reflect.set(node, "enum", [...values, null]);
  if (Reflect.get(node, "type") === undefined) {
    const rest = Object.fromEntries(Object.entries(node).filter(([key]) => key !== "nullable"));
    for (const key of Object.keys(node)) Reflect.deleteProperty(node, key);
    Reflect.set(node, "anyOf", [rest, { type: "null" }]);
  }
}

function pointer(segment: string): string {
  return encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}

function literalSegments(template: string): number {
  return template.split("/").filter((part) => part && !part.startsWith("{")).length;
}
