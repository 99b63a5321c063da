import type { Severity, Verdict } from "../types.js";

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: "Critical",
  warning: "Warning",
  suggestion: "Suggestion",
  nit: "Nit",
};

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  approve: "Approve",
  comment: "Comment",
  request_changes: "Request changes",
};
