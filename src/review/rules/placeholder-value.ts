// Words and shapes people put in examples, templates and docs instead of a real credential. AWS's documented
// example keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) end in EXAMPLE, so they land here:
// a key that says it is an example cannot be a live one, and flagging docs that quote them would only be noise.
const PLACEHOLDER =
  /example|sample|changeme|change_me|replace_?me|placeholder|dummy|redacted|fake|your[_-]|x{4,}|\*{4,}|\.{3}|<[^<>]*>|\$\{|\{\{|%\(|(.)\1{7,}/i;

export function isPlaceholderValue(value: string): boolean {
  return PLACEHOLDER.test(value);
}
