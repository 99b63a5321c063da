import { connect, type Socket } from "node:net";

/**
 * One keep-alive HTTP/1.1 connection with one request in flight, written straight to the socket:
 * the generator's own cost per request stays a few microseconds, so its tail latency is not
 * charged to the server (undici's pool, measured the same way against a server that answers at
 * once, had a p99 of 8–10 ms here; this has 2–5 ms). A connection the server closed (Node closes
 * keep-alive connections idle for 5 s) is opened again for the next request.
 */
export interface Http1Connection {
  /** Sends the request (`head` ends with the blank line) and resolves with the status code. */
  send(head: string, body: Buffer): Promise<number>;
  close(): void;
}

export async function openHttp1Connection(port: number): Promise<Http1Connection> {
  let socket = await connected(port);
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;
  const fail = (error: Error) => {
    waiting?.reject(error);
    waiting = undefined;
  };
  const listen = (to: Socket) => {
    to.on("error", fail);
    to.on("close", () => fail(new Error("the server closed the connection")));
    to.on("data", (chunk: Buffer) => {
      buffered = buffered.length > 0 ? Buffer.concat([buffered, chunk]) : chunk;
      const status = completeResponse(buffered);
      if (status === undefined) return;
      buffered = Buffer.alloc(0);
      const answered = waiting;
      waiting = undefined;
      answered?.resolve(status);
    });
  };
  listen(socket);
  return {
    async send(head, body) {
      if (socket.destroyed) {
        socket = await connected(port);
        buffered = Buffer.alloc(0);
        listen(socket);
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.cork();
        socket.write(head);
        socket.write(body);
        socket.uncork();
      });
    },
    close: () => socket.destroy(),
  };
}

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
    socket.setNoDelay(true);
  });
}

/** The status code once `bytes` hold a whole response (Content-Length or chunked), else undefined. */
function completeResponse(bytes: Buffer): number | undefined {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = bytes.subarray(0, headEnd).toString("latin1");
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return bytes.length >= headEnd + 4 + Number(length[1]) ? status : undefined;
  if (/\r\ntransfer-encoding: *chunked/i.test(head))
    return bytes.includes("\r\n0\r\n\r\n", headEnd) ? status : undefined;
  return status;
}
