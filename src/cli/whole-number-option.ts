import { UsageError } from "../errors.js";

export interface WholeNumberRange {
  min: number;
  max: number;
  /** A command line that sets the option well, for the hint: "nectr serve --port 8000". */
  example: string;
}

/**
 * An option's whole number: digits alone, so `1e3`, `0x1f40`, `80.0` and `" 80"` (which Number()
 * reads as numbers) are refused rather than silently taken for something the user did not write.
 */
export function wholeNumberOption(
  value: string | undefined,
  name: string,
  range: WholeNumberRange,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= range.min && number <= range.max))
    throw new UsageError(`${name} must be a whole number from ${range.min} to ${range.max}, not "${value}"`, {
      hint: `e.g. ${range.example}`,
    });
  return number;
}
