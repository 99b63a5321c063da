import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** One scripted answer to a chat completion. */
export interface LlmReply {
  /** Assistant text. */
  content?: string;
  /** Assistant text as JSON (what a structured-output request gets). */
  json?: unknown;
  /** Function calls instead of text, with their arguments as objects. */
  toolCalls?: { name: string; arguments: unknown }[];
  /** Answer this much later. */
  delayMs?: number;
  /** Fail with this HTTP status and an OpenAI-shaped error. */
  status?: number;
  errorMessage?: string;
  /** Send these bytes as the whole body, e.g. a truncated JSON document. */
  rawBody?: string;
  finishReason?: "stop" | "length" | "content_filter";
  usage?: { promptTokens: number; completionTokens: number };
}

export interface RecordedChat {
  model: string;
  messages: { role: string; content: string }[];
  responseFormat: unknown;
  body: Record<string, unknown>;
  promptTokens: number;
}

export interface LlmFakeOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  models?: string[];
}

/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: /v1/chat/completions, /v1/embeddings and
 * /v1/models. Replies are scripted in order (then `fallback`); every prompt is recorded.
 * Token counts are a deterministic estimate (4 characters a token), not a real tokenizer.
 */
export class LlmFake {
  readonly chats: RecordedChat[] = [];
  readonly embeddingInputs: string[] = [];
  fallback: (request: RecordedChat) => LlmReply = () => ({ content: "OK" });
  /** Added to every answer. */
  latencyMs = 0;
  private readonly queue: LlmReply[] = [];

  private readonly server: Server;
  readonly url: string;
  private readonly options: LlmFakeOptions;

  private constructor(server: Server, url: string, options: LlmFakeOptions) {
    this.server = server;
    this.url = url;
    this.options = options;
  }

  static async start(options: LlmFakeOptions = {}): Promise<LlmFake> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new LlmFake(server, `http://127.0.0.1:${port}/v1`, options);
    server.on("request", (request, response) => void fake.serve(request, response));
    return fake;
  }

  /** The chats that asked for structured output under this schema name ("review", "learnings"). */
  chatsFor(schemaName: string): RecordedChat[] {
    return this.chats.filter((chat) => {
      const format: unknown = chat.responseFormat;
      if (typeof format !== "object" || format === null || !("json_schema" in format)) return false;
      const schema: unknown = format.json_schema;
      return typeof schema === "object" && schema !== null && "name" in schema && schema.name === schemaName;
    });
  }

  /** Queues answers for the next chat completions, in order. */
  script(...replies: LlmReply[]): void {
    this.queue.push(...replies);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    const path = new URL(request.url ?? "/", this.url).pathname;
    if (this.options.apiKey && request.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return send(
        response,
        401,
        openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
      );
    }
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    let body: Record<string, unknown> = {};
    if (request.method === "POST") {
      try {
        body = { ...JSON.parse(Buffer.concat(chunks).toString("utf8")) };
      } catch {
        return send(
          response,
          400,
          openAiError("We could not parse the JSON body of your request.", "invalid_request_error", null),
        );
      }
    }
    if (request.method === "POST" && path === "/v1/chat/completions") return this.chat(body, response);
    if (request.method === "POST" && path === "/v1/embeddings") return this.embeddings(body, response);
    if (request.method === "GET" && path === "/v1/models")
      return send(response, 200, { object: "list", data: this.models().map(modelJson) });
    const model = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
    if (request.method === "GET" && model) {
      const known = this.models().includes(decodeURIComponent(model));
      return known
        ? send(response, 200, modelJson(decodeURIComponent(model)))
        : send(
            response,
            404,
            openAiError(`The model '${model}' does not exist`, "invalid_request_error", "model_not_found"),
          );
    }
    return send(
      response,
      404,
      openAiError(`Unknown request URL: ${request.method} ${path}`, "invalid_request_error", "unknown_url"),
    );
  }

  private async chat(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const messages = Array.isArray(body.messages) ? body.messages.map(messageOf) : [];
    const recorded: RecordedChat = {
      model: String(body.model ?? ""),
      messages,
      responseFormat: body.response_format,
      body,
      promptTokens: estimateTokens(messages.map((message) => message.content).join("\n")),
    };
    this.chats.push(recorded);
    if (body.stream === true)
      return send(response, 400, openAiError("streaming is not supported by the fake", "invalid_request_error", null));
    const reply = this.queue.shift() ?? this.fallback(recorded);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.status)
      return send(response, reply.status, openAiError(reply.errorMessage ?? "scripted failure", "server_error", null));
    if (reply.rawBody !== undefined) {
      response.writeHead(200, { "content-type": "application/json" });
      return void response.end(reply.rawBody);
    }
    const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? "");
    const toolCalls = reply.toolCalls?.map((call, index) => ({
      id: `call_${this.chats.length}_${index}`,
      type: "function",
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    const usage = reply.usage ?? { promptTokens: recorded.promptTokens, completionTokens: estimateTokens(content) };
    send(response, 200, {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: recorded.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: toolCalls ? null : content,
            refusal: null,
            ...(toolCalls && { tool_calls: toolCalls }),
          },
          logprobs: null,
          finish_reason: toolCalls ? "tool_calls" : (reply.finishReason ?? "stop"),
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
    });
  }

  private embeddings(body: Record<string, unknown>, response: ServerResponse): void {
    const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
    this.embeddingInputs.push(...inputs);
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : 1536;
    const tokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
    send(response, 200, {
      object: "list",
      data: inputs.map((input, index) => ({ object: "embedding", index, embedding: embed(input, dimensions) })),
      model: String(body.model ?? "text-embedding-3-small"),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  private models(): string[] {
    return this.options.models ?? ["gpt-4o-mini", "text-embedding-3-small"];
  }
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** A bag-of-words vector, normalised: texts sharing words get similar vectors, deterministically. */
function embed(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9_]+/g) ?? []) {
    const hash = createHash("sha256").update(word).digest();
    const index = hash.readUInt32BE(0) % dimensions;
    vector[index] = (vector[index] ?? 0) + (hash[4] !== undefined && hash[4] % 2 === 0 ? 1 : -1);
  }
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

function messageOf(raw: unknown): { role: string; content: string } {
  if (typeof raw !== "object" || raw === null) return { role: "unknown", content: "" };
  const message: Record<string, unknown> = { ...raw };
  const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "");
  return { role: String(message.role ?? ""), content };
}

function modelJson(id: string) {
  return { id, object: "model", created: 1_700_000_000, owned_by: "llm-fake" };
}

function openAiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
