// Review memory's one interface: what nectr has learned about a repository (project patterns,
// decisions, risk areas, developer habits) and rules users added. Every call is scoped to one
// repository: nothing of another repo is ever returned, changed or deleted.

import type { MemoryItem, NewMemory } from "../../review/review-context.js";

export interface ReviewMemory {
  /** Adds a memory; adding the same text to the same repo again returns the existing one. */
  add(repo: string, memory: NewMemory): Promise<MemoryItem>;
  list(repo: string): Promise<MemoryItem[]>;
  /** False when `id` is not a memory of `repo` (including one of another repo, which is left alone). */
  delete(repo: string, id: string): Promise<boolean>;
  /** The memories most relevant to `query` (PR text and file paths), best first. */
  search(repo: string, query: string, limit: number): Promise<MemoryItem[]>;
  close(): Promise<void>;
}
