export class TimeBoxExpired extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "TimeBoxExpired";
  }
}

/**
 * Runs `work` for at most `ms`: then its signal aborts and the result rejects with TimeBoxExpired,
 * whether or not `work` heeds the signal (a child process that never answers does not).
 */
export async function withinTimeBox<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new TimeBoxExpired(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
