/** Where log lines finally go: pino's synchronous destination (it retries a full pipe). */
interface LineSink {
  write(text: string): unknown;
}

/**
 * A log destination that writes the lines of one turn of the event loop together, when the turn
 * ends: one write(2) for the deliveries answered together instead of one per line, and no line
 * held longer than its turn. Lines still waiting when the process exits are written first.
 */
export function logPerTurn(sink: LineSink): { write(line: string): boolean } {
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const text = lines.join("");
    lines = [];
    sink.write(text);
  };
  process.once("exit", flush);
  return {
    write(line) {
      if (lines.push(line) === 1) setImmediate(flush);
      return true;
    },
  };
}
