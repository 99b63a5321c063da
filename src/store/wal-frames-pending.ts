import { closeSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";

/** What the wal-index (the `-shm` file) holds, per https://www.sqlite.org/walformat.html. */
const WAL_INDEX_VERSION = 3007000;
const HEADER_BYTES = 100;
const MX_FRAME_OFFSET = 16;
/** nBackfill, in the checkpoint information after the header's two 48-byte copies. */
const BACKFILL_OFFSET = 96;

export interface WalFrames {
  /** Frames in the WAL since SQLite last started it over: what its file holds. */
  frames: number;
  /** Those not yet copied back into the database. */
  pending: number;
}

export interface WalFramesPending {
  /** Undefined when the index cannot be read. */
  read(): WalFrames | undefined;
  close(): void;
}

/**
 * How much of the WAL awaits a checkpoint, read straight from the wal-index every connection to
 * the database shares: 100 bytes, no lock and no SQL, so it can be asked every few milliseconds.
 * The index is in the machine's byte order.
 */
export function walFramesPending(databaseFile: string): WalFramesPending {
  const buffer = Buffer.alloc(HEADER_BYTES);
  const u32 = (offset: number) => (endianness() === "LE" ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset));
  let fd: number | undefined;
  return {
    read() {
      try {
        fd ??= openSync(`${databaseFile}-shm`, "r");
        if (readSync(fd, buffer, 0, HEADER_BYTES, 0) < HEADER_BYTES) return undefined;
      } catch {
        return undefined;
      }
      if (u32(0) !== WAL_INDEX_VERSION) return undefined;
      const frames = u32(MX_FRAME_OFFSET);
      return { frames, pending: Math.max(0, frames - u32(BACKFILL_OFFSET)) };
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
