// The zip container of an .xlsx, read and written entry by entry. Entries the result does not change are
// copied as they are stored (compressed bytes, CRC and all): never inflated, never re-deflated. Browser-safe.

import { Deflate, Inflate, inflateSync } from 'fflate';
import { JixiaoError } from '../../../core/errors';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** DOS time and date of the entry, kept on a copy. */
  time: number;
  date: number;
  /** Offset of the local header. */
  offset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;

// The byte-order mark stays in the text: a part edited and written back keeps its bytes. Made on first
// use: some test environments (jsdom) have no TextDecoder when modules load.
let utf8Decoder: TextDecoder | null = null;
const utf8 = { decode: (b: Uint8Array) => (utf8Decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(b) };

function broken(why: string): JixiaoError {
  return new JixiaoError('unreadable', `文件已损坏或不是有效的 .xlsx 工作簿（${why}）`);
}

/** Reads the central directory; entry data is read only when asked for. */
export function readZip(bytes: Uint8Array): ZipArchive {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('找不到 zip 目录');
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw broken('不支持 zip64 格式');
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw broken('zip 目录不完整');
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const e: ZipEntry = {
      name: utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: u16(bytes, p + 10),
      time: u16(bytes, p + 12),
      date: u16(bytes, p + 14),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
    };
    entries.push(e);
    // Part names compare case-insensitively (OPC); the zip keeps the spelling.
    byName.set(e.name.toLowerCase(), e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { bytes, entries, byName };
}

/** The stored (compressed) bytes of an entry. */
export function rawData(zip: ZipArchive, e: ZipEntry): Uint8Array {
  const b = zip.bytes;
  if (u32(b, e.offset) !== 0x04034b50) throw broken(`部件 ${e.name} 的位置不对`);
  const start = e.offset + 30 + u16(b, e.offset + 26) + u16(b, e.offset + 28);
  if (start + e.compressedSize > b.length) throw broken(`部件 ${e.name} 不完整`);
  return b.subarray(start, start + e.compressedSize);
}

/** Native codecs where the platform has them (Node's zlib, installed by the Node host); fflate and a table CRC elsewhere. */
export interface NativeCodecs {
  /** Raw deflate; `final` false ends with a sync flush (no final block) so pieces join into one stream. */
  deflate(data: Uint8Array, final: boolean, level: number): Uint8Array;
  inflate(raw: Uint8Array): Uint8Array;
  crc32?(data: Uint8Array, crc: number): number;
}
let native: NativeCodecs | null = null;
export function useNativeCodecs(c: NativeCodecs | null): void {
  native = c;
}

export function entryBytes(zip: ZipArchive, e: ZipEntry): Uint8Array {
  const raw = rawData(zip, e);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw broken(`部件 ${e.name} 的压缩方式不受支持`);
  try {
    if (native) return native.inflate(raw);
    return inflateSync(raw, { out: new Uint8Array(e.size) });
  } catch (err) {
    throw broken(`部件 ${e.name} 无法解压：${(err as Error).message}`);
  }
}

export function entryText(zip: ZipArchive, e: ZipEntry): string {
  return utf8.decode(entryBytes(zip, e));
}

/** Streams an entry's inflated bytes in pieces (a large sheet is never held whole). */
export function streamEntry(zip: ZipArchive, e: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const raw = rawData(zip, e);
  const SLICE = 1 << 16;
  if (e.method === 0) {
    for (let i = 0; i < raw.length; i += SLICE) onChunk(raw.subarray(i, i + SLICE));
    return;
  }
  if (e.method !== 8) throw broken(`部件 ${e.name} 的压缩方式不受支持`);
  if (native) {
    // Inflated whole (a sheet's XML is a few times its zip size), handed on in pieces.
    const all = entryBytes(zip, e);
    for (let i = 0; i < all.length; i += SLICE * 4) onChunk(all.subarray(i, i + SLICE * 4));
    return;
  }
  const inflate = new Inflate((chunk) => onChunk(chunk));
  try {
    for (let i = 0; i < raw.length; i += SLICE) inflate.push(raw.subarray(i, i + SLICE), i + SLICE >= raw.length);
    if (raw.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    throw broken(`部件 ${e.name} 无法解压：${(err as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  if (native?.crc32) return native.crc32(data, crc);
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** An entry for the output: stored bytes as they are (a copy) or new content, deflated here. */
export interface OutEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  time: number;
  date: number;
  /** Stored bytes, in pieces. */
  data: Uint8Array[];
  compressedSize: number;
}

export function copiedEntry(zip: ZipArchive, e: ZipEntry): OutEntry {
  const data = rawData(zip, e);
  return {
    name: e.name,
    method: e.method,
    crc: e.crc,
    size: e.size,
    time: e.time,
    date: e.date,
    data: [data],
    compressedSize: data.length,
  };
}

function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Bytes gathered before a native deflate call: large enough to compress well, small enough to stay flat. */
const NATIVE_PIECE = 1 << 20;

/**
 * New content for an entry, deflated as it comes: `write` takes text or bytes any number of times, so a
 * large part is never held whole as text.
 */
export class EntryWriter {
  private crc = 0;
  private size = 0;
  private chunks: Uint8Array[] = [];
  private compressed = 0;
  private deflate: Deflate | null = null;
  private native: NativeCodecs | null = native;
  private raw: Uint8Array[] = [];
  private rawLength = 0;
  private encoder = new TextEncoder();
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    private name: string,
    private level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
  ) {
    if (!this.native) {
      this.deflate = new Deflate({ level }, (chunk) => this.out(chunk));
    }
  }

  private out(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.compressed += chunk.length;
  }

  write(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength > 1 << 18) this.flushText(false);
  }

  writeBytes(b: Uint8Array): void {
    this.flushText(false);
    this.push(b, false);
  }

  private push(b: Uint8Array, final: boolean): void {
    this.crc = crc32(b, this.crc);
    this.size += b.length;
    if (this.deflate) {
      this.deflate.push(b, final);
      return;
    }
    const codecs = this.native as NativeCodecs;
    // Large pieces go straight through; small ones are gathered first.
    if (b.length) {
      this.raw.push(b);
      this.rawLength += b.length;
    }
    if (this.rawLength >= NATIVE_PIECE || final) {
      const data = this.raw.length === 1 ? this.raw[0] : joinPieces(this.raw);
      this.raw = [];
      this.rawLength = 0;
      this.out(codecs.deflate(data, final, this.level));
    }
  }

  private flushText(final: boolean): void {
    if (!this.pending.length && !final) return;
    const bytes = this.encoder.encode(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    this.push(bytes, final);
  }

  /** `stamp`: the entry's time (a rewritten part keeps its original one, so equal input gives equal bytes). */
  finish(stamp?: { time: number; date: number }): OutEntry {
    this.flushText(true);
    const { time, date } = stamp ?? dosNow();
    return { name: this.name, method: 8, crc: this.crc, size: this.size, time, date, data: this.chunks, compressedSize: this.compressed };
  }
}

export function newEntry(name: string, content: string | Uint8Array, stamp?: { time: number; date: number }): OutEntry {
  const w = new EntryWriter(name);
  if (typeof content === 'string') w.write(content);
  else w.writeBytes(content);
  return w.finish(stamp);
}

/** The zip as a list of byte pieces (local headers, data, central directory), to be written or joined. */
export function zipPieces(entries: OutEntry[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const h = new Uint8Array(30 + name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // UTF-8 names; sizes in the header, no data descriptor
    v.setUint16(8, e.method, true);
    v.setUint16(10, e.time, true);
    v.setUint16(12, e.date, true);
    v.setUint32(14, e.crc, true);
    v.setUint32(18, e.compressedSize, true);
    v.setUint32(22, e.size, true);
    v.setUint16(26, name.length, true);
    h.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint16(12, e.time, true);
    cv.setUint16(14, e.date, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.compressedSize, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    central.push(c);
    out.push(h, ...e.data);
    offset += h.length + e.compressedSize;
    if (offset > 0xffffffff) throw new JixiaoError('write-failed', '结果工作簿超过 4 GB，无法写出。');
  }
  let size = 0;
  for (const c of central) size += c.length;
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  out.push(...central, end);
  return out;
}

export function joinPieces(pieces: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of pieces) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
