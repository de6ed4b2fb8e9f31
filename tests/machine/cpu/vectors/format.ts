/**
 * The binary format of the golden CPU vector fixtures (tests/fixtures/cpu/*.bin.gz).
 *
 * A fixture file is gzip of:
 *
 *     "DNXV" u32 version(1)
 *     u32 nRows, then nRows strings (u16 byte length + UTF-8): opcode-row texts
 *     u32 nRecords, then the records
 *
 * A record (all integers little-endian):
 *
 *     u16 row index       u8 code length, code bytes    u16 code offset in the page
 *     i32 regs[8]         u32 eflags                    u32 window seed
 *     u8 nPatches, each:  u32 addr, u8 len, bytes        (initial window bytes)
 *     u32 flag mask       u8 vector (255: completed)     u32 error code, u32 cr2
 *     u8 changed-register bitmap, then i32 per set bit   (final registers)
 *     u32 final eflags    u32 final eip
 *     u16 nDiffs, each:   u32 addr, u8 len, bytes        (final window bytes that changed)
 *
 * See README.md for the meaning of each field.
 */

/** Vector value meaning "the instruction completed without an exception". */
export const NO_FAULT = 255;

/** A run of bytes at a linear address. */
export interface Patch {
  addr: number;
  bytes: Uint8Array;
}

/** One instruction instance, its initial state and the host's result. */
export interface VectorRecord {
  /** The opcode row (src/machine/cpu/opcodes.ts text) this instance exercises. */
  row: string;
  code: Uint8Array;
  /** Offset of the instruction in the code page. */
  offset: number;
  regs: Int32Array;
  eflags: number;
  /** Seed of the window filling (layout.ts `fillWindows`). */
  seed: number;
  patches: Patch[];
  /** EFLAGS bits architecturally defined after this instance. */
  mask: number;
  /** Exception vector raised (faults and traps), or NO_FAULT. */
  vector: number;
  errorCode: number;
  cr2: number;
  finalRegs: Int32Array;
  finalEflags: number;
  finalEip: number;
  /** Window bytes that differ from the initial windows after the instruction. */
  diffs: Patch[];
}

const MAGIC = 0x5658_4e44; // "DNXV"
const VERSION = 1;

class Writer {
  private buf = new Uint8Array(1 << 20);
  private view = new DataView(this.buf.buffer);
  n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf);
    this.buf = b;
    this.view = new DataView(b.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.n++] = v;
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.n, v, true);
    this.n += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.n, v >>> 0, true);
    this.n += 4;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  patches(ps: Patch[], count: (n: number) => void): void {
    count(ps.length);
    for (const p of ps) {
      this.u32(p.addr);
      this.u8(p.bytes.length);
      this.bytes(p.bytes);
    }
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

class Reader {
  private readonly view: DataView;
  n = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  u8(): number {
    return this.buf[this.n++];
  }
  u16(): number {
    const v = this.view.getUint16(this.n, true);
    this.n += 2;
    return v;
  }
  u32(): number {
    const v = this.view.getUint32(this.n, true);
    this.n += 4;
    return v;
  }
  i32(): number {
    const v = this.view.getInt32(this.n, true);
    this.n += 4;
    return v;
  }
  bytes(k: number): Uint8Array {
    const b = this.buf.slice(this.n, this.n + k);
    this.n += k;
    return b;
  }
  patches(count: number): Patch[] {
    const ps: Patch[] = [];
    for (let i = 0; i < count; i++) {
      const addr = this.u32();
      ps.push({ addr, bytes: this.bytes(this.u8()) });
    }
    return ps;
  }
}

function writeRecord(w: Writer, r: VectorRecord, rowIndex: number): void {
  w.u16(rowIndex);
  w.u8(r.code.length);
  w.bytes(r.code);
  w.u16(r.offset);
  for (let i = 0; i < 8; i++) w.u32(r.regs[i]);
  w.u32(r.eflags);
  w.u32(r.seed);
  w.patches(r.patches, (n) => w.u8(n));
  w.u32(r.mask);
  w.u8(r.vector);
  w.u32(r.errorCode);
  w.u32(r.cr2);
  let changed = 0;
  for (let i = 0; i < 8; i++) if (r.finalRegs[i] !== r.regs[i]) changed |= 1 << i;
  w.u8(changed);
  for (let i = 0; i < 8; i++) if (changed & (1 << i)) w.u32(r.finalRegs[i]);
  w.u32(r.finalEflags);
  w.u32(r.finalEip);
  w.patches(r.diffs, (n) => w.u16(n));
}

function readRecord(rd: Reader, rows: string[]): VectorRecord {
  const row = rows[rd.u16()];
  const code = rd.bytes(rd.u8());
  const offset = rd.u16();
  const regs = new Int32Array(8);
  for (let i = 0; i < 8; i++) regs[i] = rd.i32();
  const eflags = rd.u32();
  const seed = rd.u32();
  const patches = rd.patches(rd.u8());
  const mask = rd.u32();
  const vector = rd.u8();
  const errorCode = rd.u32();
  const cr2 = rd.u32();
  const changed = rd.u8();
  const finalRegs = regs.slice();
  for (let i = 0; i < 8; i++) if (changed & (1 << i)) finalRegs[i] = rd.i32();
  const finalEflags = rd.u32();
  const finalEip = rd.u32();
  const diffs = rd.patches(rd.u16());
  return {
    row,
    code,
    offset,
    regs,
    eflags,
    seed,
    patches,
    mask,
    vector,
    errorCode,
    cr2,
    finalRegs,
    finalEflags,
    finalEip,
    diffs,
  };
}

/** Serializes records into the (uncompressed) fixture byte format. */
export function encodeVectors(records: readonly VectorRecord[]): Uint8Array {
  const rows: string[] = [];
  const index = new Map<string, number>();
  for (const r of records) {
    if (!index.has(r.row)) {
      index.set(r.row, rows.length);
      rows.push(r.row);
    }
  }
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(VERSION);
  w.u32(rows.length);
  const enc = new TextEncoder();
  for (const s of rows) {
    const b = enc.encode(s);
    w.u16(b.length);
    w.bytes(b);
  }
  w.u32(records.length);
  for (const r of records) writeRecord(w, r, index.get(r.row)!);
  return w.result();
}

/** Parses the (uncompressed) fixture byte format. Throws on a bad magic or version. */
export function decodeVectors(buf: Uint8Array): VectorRecord[] {
  const rd = new Reader(buf);
  if (rd.u32() !== MAGIC || rd.u32() !== VERSION) throw new Error("not a DNXV v1 fixture");
  const dec = new TextDecoder();
  const rows: string[] = [];
  for (let n = rd.u32(); n > 0; n--) rows.push(dec.decode(rd.bytes(rd.u16())));
  const out: VectorRecord[] = [];
  for (let n = rd.u32(); n > 0; n--) out.push(readRecord(rd, rows));
  return out;
}
