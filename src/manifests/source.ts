/**
 * Bounded reading of the input: regular files (never devices, FIFOs or sockets, refused by their type before they
 * are opened) and standard input, each read in pieces with the size limit applied while reading, so an endless
 * stream stops at the limit and memory stays bounded.
 */
import * as fs from 'fs';

/** Files and standard input larger than this are refused (kpack manifests of 50,000 Images take about 25 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const PIECE = 1024 * 1024;

/** Reads up to `buffer.length` bytes into `buffer` and returns how many (0 at the end). */
export type ReadPiece = (buffer: Buffer) => number;

/** The content of an input, or why it cannot be read. */
export type ReadResult = { readonly bytes: Buffer } | { readonly error: string };

/** What a path is, when it is not a regular file or a folder. */
export function specialFileType(stat: fs.Stats): string | undefined {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (!stat.isFile() && !stat.isDirectory()) return 'not a regular file';
  return undefined;
}

function refusedType(type: string): string {
  return `is ${type}, not a regular file: give YAML files or folders (or - for standard input)`;
}

function tooLarge(limit: number, size?: number): string {
  return size === undefined
    ? `is more than the ${limit} bytes this command reads: split it`
    : `is ${size} bytes, more than the ${limit} bytes this command reads: split it`;
}

/** Reads a regular file, at most `limit` bytes. */
export function readFile(file: string, limit: number = MAX_INPUT_BYTES): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return { error: ioMessage(e) };
  }
  const type = specialFileType(stat);
  if (type) return { error: refusedType(type) };
  if (stat.isDirectory()) return { error: 'is a folder' };
  if (stat.size > limit) return { error: tooLarge(limit, stat.size) };
  let fd: number;
  try {
    // O_NONBLOCK: should the file be replaced by a FIFO after the check above, opening it does not wait for a writer.
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: ioMessage(e) };
  }
  try {
    const opened = specialFileType(fs.fstatSync(fd));
    if (opened) return { error: refusedType(opened) };
    return readPieces(buffer => fs.readSync(fd, buffer, 0, buffer.length, null), limit);
  } catch (e) {
    return { error: ioMessage(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads standard input (or `read`, for tests), at most `limit` bytes: an endless stream stops at the limit. */
export function readStdin(limit: number = MAX_INPUT_BYTES, read?: ReadPiece): ReadResult {
  try {
    return readPieces(read ?? readStdinPiece, limit);
  } catch (e) {
    return { error: ioMessage(e) };
  }
}

/** Reads pieces until the end or until more than `limit` bytes came. */
function readPieces(read: ReadPiece, limit: number): ReadResult {
  const pieces: Buffer[] = [];
  let total = 0;
  for (;;) {
    const piece = Buffer.allocUnsafe(Math.min(PIECE, limit + 1 - total));
    const n = read(piece);
    if (n <= 0) break;
    pieces.push(n === piece.length ? piece : piece.subarray(0, n));
    total += n;
    if (total > limit) return { error: tooLarge(limit) };
  }
  return { bytes: Buffer.concat(pieces, total) };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function readStdinPiece(buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10); // a non-blocking stdin with nothing yet: wait a little
        continue;
      }
      if (code === 'EOF') return 0;
      throw e;
    }
  }
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or folder';
  const text = e instanceof Error ? e.message : String(e);
  return `cannot read: ${err?.code ? `${err.code} ` : ''}${text.split('\n')[0].replace(/^[A-Z]+: /, '')}`;
}
