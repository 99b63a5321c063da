import { RemoteError } from "../errors.js";

// What a failed LLM request tells the user: the endpoint's URL (never the key), the cause (an
// errno, an HTTP status, a model the endpoint lacks) and the setting to look at.

/** The SDK's own default when OPENAI_BASE_URL is not set. */
const OPENAI_API_URL = "https://api.openai.com/v1";

export interface LlmRequestTarget {
  baseUrl: string | undefined;
  /** The model asked for; undefined for a request that names none, like listing the models. */
  model: string | undefined;
}

/** The LLM did not answer in time: the request may have been read (and billed) all the same. */
export class LlmTimeoutError extends RemoteError {}

/** The endpoint's URL as it may be shown: no user, password or query, which can hold secrets. */
export function shownLlmUrl(baseUrl: string | undefined): string {
  try {
    const url = new URL(baseUrl ?? OPENAI_API_URL);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return "the LLM endpoint";
  }
}

/**
 * The error for a failed request. Its message names the endpoint's URL for whoever runs nectr; its
 * `shareable` form, which a posted summary shows, says "the LLM endpoint" instead: an internal
 * host name is not for a public PR's readers.
 */
export async function llmError(error: unknown, target: LlmRequestTarget): Promise<RemoteError> {
  const { default: OpenAI } = await import("openai");
  const url = shownLlmUrl(target.baseUrl);
  const model = target.model === undefined ? "" : ` (${target.model})`;
  const failure = (Kind: typeof RemoteError, says: (endpoint: string) => string, hint: string): RemoteError =>
    new Kind(says(`the LLM endpoint ${url}`), { hint, cause: error, shareable: says("the LLM endpoint") });
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return failure(
      LlmTimeoutError,
      (endpoint) => `${endpoint}${model} did not answer in time`,
      "try again, or raise llmTimeoutSeconds",
    );
  if (error instanceof OpenAI.APIConnectionError)
    return failure(
      RemoteError,
      (endpoint) => `${endpoint} could not be reached (${networkCause(error)})`,
      "is the server running? Check OPENAI_BASE_URL",
    );
  if (!(error instanceof OpenAI.APIError))
    return failure(
      RemoteError,
      (endpoint) => `${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
      "run nectr doctor",
    );
  if (error.status === 401)
    return failure(RemoteError, (endpoint) => `${endpoint} rejected the API key (401)`, "check OPENAI_API_KEY");
  if (error.status === 404 && target.model !== undefined && isAboutTheModel(error))
    return failure(
      RemoteError,
      (endpoint) => `${endpoint} has no model "${target.model}" (404)`,
      "set NECTR_MODEL (or pass --model) to a model it serves; nectr doctor lists them",
    );
  if (error.status === 404)
    return failure(
      RemoteError,
      (endpoint) => `${endpoint} is not an OpenAI-compatible API (it answered 404)`,
      "check OPENAI_BASE_URL: it usually ends in /v1, like http://localhost:11434/v1",
    );
  return failure(
    RemoteError,
    (endpoint) => `${endpoint} answered ${error.status ?? "with an error"}`,
    "try again later, or run nectr doctor",
  );
}

/**
 * A 404 names the model when the endpoint knows the path but not the model: OpenAI and vLLM say
 * "The model `x` does not exist" (code model_not_found), Ollama 'model "x" not found'. A wrong
 * path gets "Invalid URL" or "404 page not found".
 */
function isAboutTheModel(error: { code?: string | null | undefined; message: string }): boolean {
  return error.code === "model_not_found" || /\bmodel\b/i.test(error.message);
}

/**
 * The errno under the SDK's "Connection error." (its cause is fetch's "fetch failed", whose cause
 * is the socket's error, or an AggregateError of one per address tried), else the deepest message
 * without the URLs it may quote (with a password or a key in them).
 */
function networkCause(error: Error): string {
  let deepest = error.message;
  const pending: unknown[] = [error.cause];
  for (let seen = 0; pending.length > 0 && seen < 10; seen += 1) {
    const current = pending.shift();
    if (!(current instanceof Error)) continue;
    if ("code" in current && typeof current.code === "string") return current.code;
    deepest = current.message;
    pending.push(current.cause, ...(current instanceof AggregateError ? current.errors : []));
  }
  return deepest.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "(URL)");
}
