import { createHash } from "node:crypto";

/** What a review of a given head depends on besides the code: a change to any of these warrants another. */
export interface ReviewBasisInput {
  /** `.nectr.yml` as read from the default branch, or undefined when there is none. */
  repoConfig: string | undefined;
  /** The repository's review memory (rules the team added, lessons learned). */
  memories: readonly { id: string; text: string }[];
  model: string | null;
  /** nectr's own version: its checks change with it. */
  version: string;
}

/** A short digest of a review's basis; two reviews of one head with the same basis say the same. */
export function reviewBasis(input: ReviewBasisInput): string {
  const memories = [...input.memories].map((memory) => `${memory.id}:${memory.text}`).sort();
  return createHash("sha256")
    .update(JSON.stringify([input.repoConfig ?? null, memories, input.model, input.version]))
    .digest("hex")
    .slice(0, 16);
}
