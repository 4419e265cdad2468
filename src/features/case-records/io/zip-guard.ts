/**
 * An XLSX file is a ZIP archive, and a small archive can unpack to
 * gigabytes (a "zip bomb"): the spreadsheet library would inflate all of it
 * into memory before noticing. So before it sees an upload, every entry is
 * inflated here once with a hard cap on its output — its declared size,
 * never more than the whole file's allowance — and the file is refused when
 * any entry is larger than it claims, the entries add up to too much, there
 * are too many, or the archive is not one this check understands (ZIP64,
 * encryption, other compression methods). Only the central directory's
 * figures are trusted after that check has held them to the truth.
 */
import { inflateRawSync } from 'node:zlib';

export type ZipLimits = { entries: number; totalBytes: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Where the end-of-central-directory record starts, or -1. */
function findEnd(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/** Does `buf` start like a ZIP archive? */
export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
}

/** Is `buf` a plain ZIP archive whose entries really unpack to no more than `limits` allow? */
export function zipWithinLimits(buf: Buffer, limits: ZipLimits): boolean {
  try {
    const end = findEnd(buf);
    if (end < 0) return false;
    const count = buf.readUInt16LE(end + 10);
    const cdSize = buf.readUInt32LE(end + 12);
    const cdOffset = buf.readUInt32LE(end + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || count > limits.entries) return false;
    if (cdOffset + cdSize > end) return false;
    let p = cdOffset;
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (buf.readUInt32LE(p) !== CENTRAL) return false;
      const flags = buf.readUInt16LE(p + 8);
      const method = buf.readUInt16LE(p + 10);
      const compressed = buf.readUInt32LE(p + 20);
      const size = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const local = buf.readUInt32LE(p + 42);
      p += 46 + nameLen + extraLen + commentLen;
      // Encrypted entries, and sizes a 32-bit field cannot hold (ZIP64), are not for a spreadsheet upload.
      if (flags & 1 || size === 0xffffffff || compressed === 0xffffffff) return false;
      total += size;
      if (total > limits.totalBytes) return false;
      if (buf.readUInt32LE(local) !== LOCAL) return false;
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      if (start + compressed > buf.length) return false;
      const data = buf.subarray(start, start + compressed);
      if (method === 0) {
        if (compressed !== size) return false;
      } else if (method === 8) {
        // One byte more than declared: an entry that claims less than it holds fails here, not in memory.
        const out = inflateRawSync(data, { maxOutputLength: size + 1 });
        if (out.length !== size) return false;
      } else {
        return false;
      }
    }
    return true;
  } catch {
    // Truncated headers, a broken deflate stream or an entry larger than it claims.
    return false;
  }
}
