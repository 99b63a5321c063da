/** US dollars per million tokens. */
export interface TokenPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export function costInDollars(price: TokenPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

/** "$0.0123", with enough digits that a cheap review does not show as $0.00. */
export function formatDollars(amount: number): string {
  if (amount === 0) return "$0";
  return amount >= 1 ? `$${amount.toFixed(2)}` : `$${amount.toPrecision(2)}`;
}
