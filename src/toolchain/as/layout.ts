/**
 * Layout: fragment addresses, branch relaxation, alignment padding, and the final
 * bytes of every section with their fixups in section-offset terms.
 *
 * Relaxation starts every jmp/jcc in its short form and grows (never shrinks) those
 * whose target is not a label in the same section (or is weak), or whose rel8 does
 * not reach, re-laying out until nothing changes — GNU as's rule, so byte output
 * matches. Code-section alignment pads with the multi-byte NOPs GNU as uses for i386.
 */

import { LineError } from "./errors.ts";
import { evaluate, type Expr, finalDistance } from "./expr.ts";
import type { BranchTail, Frag, Section } from "./section.ts";
import type { SrcLoc } from "./errors.ts";

/** A fixup placed in its section. */
export interface PlacedFixup {
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly expr: Expr;
  readonly pcrel: boolean;
  /** From a relaxed jmp/jcc: resolves against any non-weak label of the same section. */
  readonly branch: boolean;
  readonly loc: SrcLoc;
}

/** A section after layout. */
export interface LaidOut {
  readonly section: Section;
  readonly bytes: Uint8Array;
  readonly fixups: PlacedFixup[];
}

/**
 * GNU as's i386 NOPs by length (1..7). A pad is 7-byte NOPs then one for the rest (5 =
 * the 4-byte form + 0x90, as GNU has no 5-byte pattern); pads over 20 bytes start with
 * a jmp over the NOPs (eb rel8, or e9 rel32 when it does not fit).
 */
const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x8d, 0x76, 0x00],
  [0x8d, 0x74, 0x26, 0x00],
  [0x8d, 0x74, 0x26, 0x00, 0x90],
  [0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00],
  [0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00],
];

/** Writes `n` bytes of NOP padding at `p`. */
export function writeNops(out: Uint8Array, p: number, n: number): void {
  if (n > 20) {
    const rel8 = n - 2 <= 127;
    const jmp = rel8 ? [0xeb, n - 2] : [0xe9, ...le32(n - 5)];
    out.set(jmp, p);
    p += jmp.length;
    n -= jmp.length;
  }
  while (n > 0) {
    const k = Math.min(n, 7);
    out.set(NOPS[k], p);
    p += k;
    n -= k;
  }
}

function le32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

/** Lays out `s`: sets fragment addresses and tail sizes, relaxing branches. */
export function relax(s: Section): void {
  for (let pass = 0; pass < 10000; pass++) {
    place(s);
    let changed = false;
    for (const f of s.frags) {
      if (f.tail?.kind === "branch" && !f.tail.big && !fitsShort(f, f.tail)) {
        f.tail.big = true;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

function place(s: Section): void {
  let addr = 0;
  for (const f of s.frags) {
    f.addr = addr;
    addr += f.bytes.length;
    f.tailSize = tailSize(f, addr);
    addr += f.tailSize;
  }
  s.size = addr;
}

function tailSize(f: Frag, addr: number): number {
  const t = f.tail;
  if (!t) return 0;
  if (t.kind === "branch") return t.big ? t.near.length + 4 : t.short.length + 1;
  const pad = (t.align - (addr % t.align)) % t.align;
  return pad > t.max ? 0 : pad;
}

function fitsShort(f: Frag, t: BranchTail): boolean {
  let v;
  try {
    v = evaluate(t.target, finalDistance, t.loc);
  } catch {
    return false;
  }
  if (v.terms.length !== 1 || v.terms[0].coef !== 1) return false;
  const sym = v.terms[0].sym;
  if (sym.section !== f.section || sym.binding === "weak") return false;
  const end = f.addr + f.bytes.length + f.tailSize;
  const d = sym.value + v.k - end;
  return d >= -128 && d <= 127;
}

/** Produces the bytes and placed fixups of a laid-out section. */
export function emitSection(s: Section): LaidOut {
  const out = new Uint8Array(s.size);
  const fixups: PlacedFixup[] = [];
  for (const f of s.frags) {
    out.set(f.bytes, f.addr);
    for (const x of f.fixups) fixups.push({ ...x, offset: f.addr + x.offset, branch: false });
    emitTail(s, f, out, fixups);
  }
  return { section: s, bytes: s.type === "nobits" ? new Uint8Array(0) : out, fixups };
}

function emitTail(s: Section, f: Frag, out: Uint8Array, fixups: PlacedFixup[]): void {
  const t = f.tail;
  const at = f.addr + f.bytes.length;
  if (!t || f.tailSize === 0) return;
  if (t.kind === "branch") {
    const op = t.big ? t.near : t.short;
    out.set(op, at);
    const size = t.big ? 4 : 1;
    fixups.push({
      offset: at + op.length,
      size,
      expr: t.target,
      pcrel: true,
      branch: true,
      loc: t.loc,
    });
    return;
  }
  if (t.fill !== null || !s.isCode) {
    out.fill(t.fill ?? 0, at, at + f.tailSize);
    return;
  }
  writeNops(out, at, f.tailSize);
}

/** Throws a LineError if a section ended up larger than ELF32 can hold. */
export function checkSize(s: Section): void {
  if (s.size > 0x7fffffff) throw new LineError(`section ${s.name} too large`);
}
