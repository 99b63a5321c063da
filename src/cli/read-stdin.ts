/** All of standard input as text; refuses more than 64 KiB (a token is far smaller). */
export async function readStdin(stdin: NodeJS.ReadableStream, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) break;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString("utf8");
}
