/**
 * The distinct words of a search query (PR text and file paths), lower-cased: runs of letters
 * and digits in any script. Everything else (quotes, operators, punctuation) only separates
 * words, so no query text ever reaches a search engine's own syntax.
 */
export function searchWords(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}
