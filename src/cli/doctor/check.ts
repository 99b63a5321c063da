/** One line of `nectr doctor`: what was checked, how it went, and the fix when it did not. */
export interface CheckResult {
  name: string;
  /** ok; fail (a required part is broken); warn (optional, or worth knowing); skip (not configured). */
  status: "ok" | "fail" | "warn" | "skip";
  detail: string;
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: "ok", detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: "fail", detail, fix });
export const warn = (name: string, detail: string, fix?: string): CheckResult => ({
  name,
  status: "warn",
  detail,
  ...(fix && { fix }),
});
export const skip = (name: string, detail: string): CheckResult => ({ name, status: "skip", detail });

/** Runs a check within `ms`, turning a throw or a hang into a failure with the fix. */
export async function timeBoxed(
  name: string,
  ms: number,
  fix: string,
  work: () => Promise<CheckResult>,
): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(fail(name, `no answer within ${ms / 1000} s`, fix)), ms);
  });
  try {
    return await Promise.race([work(), late]);
  } catch (error) {
    return fail(name, error instanceof Error ? error.message : String(error), fix);
  } finally {
    clearTimeout(timer);
  }
}
