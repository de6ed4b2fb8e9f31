/**
 * System V / GNU `ar` archives: reading (for linking) and writing (to build libc.a).
 *
 * Layout: "!<arch>\n", then members, each a 60-byte header (name[16] date[12] uid[6]
 * gid[6] mode[8] size[10] "`\n") followed by `size` bytes padded to an even offset.
 * Special members: "/" is the symbol index (big-endian count, count member-header
 * offsets, then count NUL-terminated names), "//" holds long names ("name/\n" each,
 * referenced as "/<offset>"). Short names end in "/". BSD "#1/<len>" names (the name
 * prefixes the data) are read too.
 *
 * Contract: `readArchive` throws LinkError("bad-input") on malformed archives (thin
 * archives included); `arCreate` writes a deterministic GNU archive (date 0, uid/gid 0,
 * mode 644) with a symbol index of every defined global or weak symbol of its ELF
 * members, as GNU `ar rcsD` does.
 */

import { fail } from "./errors.ts";
import { isElf, readElfObject } from "./elf_reader.ts";

/** One archive member. */
export interface ArchiveMember {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A parsed archive: members in order, and symbol → member indices (from the index or computed). */
export interface Archive {
  readonly name: string;
  readonly members: readonly ArchiveMember[];
  readonly index: ReadonlyMap<string, readonly number[]>;
}

const MAGIC = "!<arch>\n";
const HDR = 60;

/** True if `bytes` start with the archive magic. */
export function isArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && ascii(bytes.subarray(0, 8)) === MAGIC;
}

function ascii(b: Uint8Array): string {
  return new TextDecoder("latin1").decode(b);
}

/** Parses an archive. Throws LinkError("bad-input") when malformed. */
export function readArchive(bytes: Uint8Array, name: string): Archive {
  if (ascii(bytes.subarray(0, 8)) === "!<thin>\n") {
    fail("bad-input", `${name}: thin archives are not supported`);
  }
  if (!isArchive(bytes)) fail("bad-input", `${name}: not an archive`);
  const members: ArchiveMember[] = [];
  const offsets = new Map<number, number>(); // header offset → member index
  let symIndex: Uint8Array | null = null;
  let longNames = "";
  for (let off = 8; off < bytes.length; off += off & 1) {
    if (off + HDR > bytes.length) {
      if (bytes.subarray(off).every((c) => c === 0x0a)) break;
      fail("bad-input", `${name}: truncated member header at offset ${off}`);
    }
    const h = ascii(bytes.subarray(off, off + HDR));
    if (h.slice(58, 60) !== "`\n") fail("bad-input", `${name}: bad member header at offset ${off}`);
    const size = Number(h.slice(48, 58).trim());
    if (!Number.isInteger(size) || size < 0 || off + HDR + size > bytes.length) {
      fail("bad-input", `${name}: bad or truncated member size at offset ${off}`);
    }
    let data = bytes.subarray(off + HDR, off + HDR + size);
    let raw = h.slice(0, 16).trimEnd();
    if (raw === "/") symIndex = data;
    else if (raw === "//") longNames = ascii(data);
    else if (raw !== "/SYM64/" && raw !== "__.SYMDEF" && raw !== "__.SYMDEF SORTED") {
      if (raw.startsWith("#1/")) {
        const n = Number(raw.slice(3));
        raw = ascii(data.subarray(0, n)).replace(/\0+$/, "");
        data = data.subarray(n);
      } else if (/^\/\d+$/.test(raw)) {
        const start = Number(raw.slice(1));
        const end = longNames.indexOf("/\n", start);
        if (start >= longNames.length || end < 0) {
          fail("bad-input", `${name}: bad long member name ${raw}`);
        }
        raw = longNames.slice(start, end);
      } else if (raw.endsWith("/")) raw = raw.slice(0, -1);
      offsets.set(off, members.length);
      members.push({ name: raw, bytes: data });
    }
    off += HDR + size;
  }
  const index = symIndex ? parseIndex(symIndex, offsets, name) : computeIndex(members, name);
  return { name, members, index };
}

function parseIndex(
  data: Uint8Array,
  offsets: Map<number, number>,
  name: string,
): Map<string, number[]> {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 4) fail("bad-input", `${name}: truncated symbol index`);
  const count = dv.getUint32(0, false);
  if (4 + 4 * count > data.length) fail("bad-input", `${name}: truncated symbol index`);
  const out = new Map<string, number[]>();
  let p = 4 + 4 * count;
  for (let i = 0; i < count; i++) {
    let end = p;
    while (end < data.length && data[end]) end++;
    if (end >= data.length) fail("bad-input", `${name}: truncated symbol index names`);
    const sym = ascii(data.subarray(p, end));
    const member = offsets.get(dv.getUint32(4 + 4 * i, false));
    if (member === undefined) fail("bad-input", `${name}: symbol index points at no member`);
    const list = out.get(sym) ?? [];
    if (!list.includes(member)) list.push(member);
    out.set(sym, list);
    p = end + 1;
  }
  return out;
}

/** Defined global/weak symbols of each ELF member (for archives without an index). */
function computeIndex(members: readonly ArchiveMember[], name: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  members.forEach((m, i) => {
    for (const s of definedSymbols(m, name)) out.set(s, [...(out.get(s) ?? []), i]);
  });
  return out;
}

function definedSymbols(m: ArchiveMember, archive: string): string[] {
  if (!isElf(m.bytes)) return [];
  const obj = readElfObject(m.bytes, `${archive}(${m.name})`);
  return obj.symbols
    .filter((s) => s.binding !== "local" && s.section !== "undef" && s.name)
    .map((s) => s.name);
}

/** Writes a GNU archive with a symbol index and long-name table. */
export function arCreate(members: readonly ArchiveMember[]): Uint8Array {
  const enc = new TextEncoder();
  let longNames = "";
  const names = members.map((m) => {
    if (m.name.length <= 15 && !m.name.includes("/")) return m.name + "/";
    const ref = "/" + longNames.length;
    longNames += m.name + "/\n";
    return ref;
  });
  const syms = members.map((m) => definedSymbols(m, "archive"));
  const nsyms = syms.reduce((n, s) => n + s.length, 0);
  const strs = enc.encode(syms.flat().map((s) => s + "\0").join(""));
  const indexSize = 4 + 4 * nsyms + strs.length;
  const parts: Uint8Array[] = [enc.encode(MAGIC)];
  let off = 8 + HDR + indexSize + (indexSize & 1);
  if (longNames) off += HDR + longNames.length + (longNames.length & 1);
  const memberOffsets = members.map((m) => {
    const at = off;
    off += HDR + m.bytes.length + (m.bytes.length & 1);
    return at;
  });
  const index = new Uint8Array(indexSize);
  const dv = new DataView(index.buffer);
  dv.setUint32(0, nsyms, false);
  let k = 0;
  syms.forEach((list, i) => list.forEach(() => dv.setUint32(4 + 4 * k++, memberOffsets[i], false)));
  index.set(strs, 4 + 4 * nsyms);
  const push = (name: string, data: Uint8Array, mode: string) => {
    parts.push(enc.encode(header(name, data.length, mode)), data);
    if (data.length & 1) parts.push(enc.encode("\n"));
  };
  push("/", index, "0");
  if (longNames) push("//", enc.encode(longNames), "");
  members.forEach((m, i) => push(names[i], m.bytes, "644"));
  return concat(parts);
}

function header(name: string, size: number, mode: string): string {
  const f = (s: string, w: number) => s.padEnd(w, " ");
  if (name === "//") return f("//", 16) + f("", 32) + f(String(size), 10) + "`\n";
  return f(name, 16) + f("0", 12) + f("0", 6) + f("0", 6) + f(mode, 8) + f(String(size), 10) +
    "`\n";
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
