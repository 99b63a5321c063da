import { z } from "zod";

/** One Mem0 memory, narrowed from the SDK's loosely typed answers. */
export interface Mem0Record {
  id: string;
  text: string;
  /** The Mem0 user the memory belongs to, when the answer says. */
  userId: string | undefined;
  metadata: Record<string, unknown>;
}

/** The few Mem0 calls nectr makes: the same shape for the platform and for the OSS library. */
export interface Mem0Records {
  /** Stores `text` as given (no LLM fact extraction) and returns the stored memory. */
  add(text: string, userId: string, metadata: Record<string, string>): Promise<Mem0Record>;
  list(userId: string): Promise<Mem0Record[]>;
  /** Best first. */
  search(query: string, userId: string, limit: number): Promise<Mem0Record[]>;
  get(id: string): Promise<Mem0Record | undefined>;
  delete(id: string): Promise<void>;
}

const mem0Memory = z.object({
  id: z.string(),
  memory: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  user_id: z.string().optional(),
  userId: z.string().optional(),
});

/**
 * A record from one memory as either SDK returns it (the OSS library says `user_id`, the
 * platform client camel-cases it to `userId`); undefined when it is not a memory.
 */
export function toMem0Record(raw: unknown): Mem0Record | undefined {
  const parsed = mem0Memory.safeParse(raw);
  if (!parsed.success) return undefined;
  const { id, memory, metadata, user_id, userId } = parsed.data;
  return { id, text: memory, userId: user_id ?? userId, metadata: metadata ?? {} };
}

/** The memories among the `results` of an answer, skipping anything that is not one. */
export function toMem0Records(answer: unknown): Mem0Record[] {
  const parsed = z.object({ results: z.array(z.unknown()) }).safeParse(answer);
  if (!parsed.success) return [];
  return parsed.data.results.flatMap((raw) => toMem0Record(raw) ?? []);
}
