/**
 * Layout: fragment addresses, branch relaxation, alignment padding, and the final
 * bytes of every section with their fixups in section-offset terms.
 *
 * Relaxation starts every jmp/jcc in its short form and grows (never shrinks) those
 * whose target is not a label in the same section (or is weak), or whose rel8 does
 * not reach, re-laying out until nothing changes — GNU as's rule, so byte output
 * matches. Code-section alignment pads with the multi-byte NOPs GNU as uses for i386.
 */

import { evaluate, type Expr, finalDistance } from "./expr.ts";
import { LineError } from "./errors.ts";
import type { BranchTail, Frag, OrgTail, Section, Sym } from "./section.ts";
import type { SrcLoc } from "./errors.ts";

/** A fixup placed in its section. */
export interface PlacedFixup {
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly expr: Expr;
  readonly pcrel: boolean;
  /** Offset of the field in its instruction; GOT-relaxable displacement. */
  readonly insn: number;
  readonly gotx: boolean;
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

/**
 * Lays out `s`: sets fragment addresses and tail sizes, relaxing branches the way
 * GNU as's relax_segment does. Branches whose target is not a non-weak label of this
 * section start (and stay) near; the rest start short. Each pass walks the fragments
 * in order, shifting each by the growth so far (`stretch`); a backward target is seen
 * at its new address, a forward one at its old address plus the stretch if no
 * alignment lies between (GNU's "region"), and a forward target that would appear
 * behind the branch leaves it unchanged for this pass.
 */
export function relax(s: Section): void {
  const region = initialLayout(s);
  for (let pass = 0; pass < 10000; pass++) {
    let stretch = 0;
    let changed = false;
    const done = new Set<Frag>();
    for (const f of s.frags) {
      f.addr += stretch;
      done.add(f);
      const growth = grow(f, stretch, done, region);
      stretch += growth;
      changed ||= growth !== 0;
    }
    s.size = end(s);
    if (!changed) return checkOrgs(s);
  }
}

function end(s: Section): number {
  const last = s.frags[s.frags.length - 1];
  return last.addr + last.bytes.length + last.tailSize;
}

/** First address guess: relaxable branches short, alignment regions numbered. */
function initialLayout(s: Section): Map<Frag, number> {
  const region = new Map<Frag, number>();
  let addr = 0;
  let r = 0;
  for (const f of s.frags) {
    region.set(f, r);
    f.addr = addr;
    addr += f.bytes.length;
    const t = f.tail;
    if (t?.kind === "branch") t.big = branchTarget(f, t) === null;
    if (t?.kind === "align" || t?.kind === "org") r++;
    f.tailSize = tailSize(f, addr);
    addr += f.tailSize;
  }
  s.size = addr;
  return region;
}

function grow(f: Frag, stretch: number, done: Set<Frag>, region: Map<Frag, number>): number {
  const t = f.tail;
  if (!t) return 0;
  const old = f.tailSize;
  if (t.kind !== "branch") {
    f.tailSize = tailSize(f, f.addr + f.bytes.length);
    return f.tailSize - old;
  }
  if (t.big) return 0;
  const target = branchTarget(f, t);
  if (!target) return bigger(f, t);
  let addr = target.sym.frag!.addr + target.sym.offset + target.k;
  const address = f.addr + f.bytes.length;
  if (stretch !== 0 && !done.has(target.sym.frag!)) {
    if (stretch < 0 || region.get(target.sym.frag!) === region.get(f)) addr += stretch;
    else if (addr < address) return 0;
  }
  const rel = addr - (address + t.short.length + 1);
  return rel >= -128 && rel <= 127 ? 0 : bigger(f, t);
}

function bigger(f: Frag, t: BranchTail): number {
  t.big = true;
  const old = f.tailSize;
  f.tailSize = tailSize(f, 0);
  return f.tailSize - old;
}

function tailSize(f: Frag, addr: number): number {
  const t = f.tail;
  if (!t) return 0;
  if (t.kind === "branch") return t.big ? t.near.length + 4 : t.short.length + 1;
  if (t.kind === "org") return orgSize(f, t, addr);
  const pad = (t.align - (addr % t.align)) % t.align;
  return pad > t.max ? 0 : pad;
}

/** Bytes from `addr` up to the `.org` target (0 while relaxing if behind; see checkOrgs). */
function orgSize(f: Frag, t: OrgTail, addr: number): number {
  return Math.max(0, orgTarget(f, t) - addr);
}

function orgTarget(f: Frag, t: OrgTail): number {
  const v = evaluate(t.target, finalDistance, t.loc);
  const sym = v.terms[0]?.sym;
  const ok = !v.terms.length ||
    (v.terms.length === 1 && v.terms[0].coef === 1 && sym?.section === f.section);
  if (!ok) throw new LineError(".org target must be a constant or a label in this section", t.loc);
  return v.k + (sym ? sym.value : 0);
}

/** After relaxation: every `.org` must land at or after its own position. */
function checkOrgs(s: Section): void {
  for (const f of s.frags) {
    if (f.tail?.kind !== "org") continue;
    if (orgTarget(f, f.tail) < f.addr + f.bytes.length) {
      throw new LineError("attempt to move .org backwards", f.tail.loc);
    }
  }
}

/** The branch target as label + constant, if it is a non-weak label of this section. */
function branchTarget(f: Frag, t: BranchTail): { sym: Sym; k: number } | null {
  let v;
  try {
    v = evaluate(t.target, finalDistance, t.loc);
  } catch {
    return null;
  }
  if (v.terms.length !== 1 || v.terms[0].coef !== 1 || v.reloc) return null;
  const sym = v.terms[0].sym;
  if (!sym.frag || sym.frag.section !== f.section || sym.binding === "weak") return null;
  return { sym, k: v.k };
}

/**
 * Produces the bytes and placed fixups of a laid-out section. Fixups of branch tails
 * come after all others, matching GNU as's relocation order (it creates them when
 * relaxation ends).
 */
export function emitSection(s: Section): LaidOut {
  const out = new Uint8Array(s.size);
  const fixups: PlacedFixup[] = [];
  const late: PlacedFixup[] = [];
  for (const f of s.frags) {
    out.set(f.bytes, f.addr);
    for (const x of f.fixups) fixups.push({ ...x, offset: f.addr + x.offset, branch: false });
    emitTail(s, f, out, late);
  }
  fixups.push(...late);
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
      insn: op.length,
      gotx: false,
      loc: t.loc,
    });
    return;
  }
  if (t.kind === "org" || t.fill !== null || !s.isCode) {
    out.fill(t.fill ?? 0, at, at + f.tailSize);
    return;
  }
  writeNops(out, at, f.tailSize);
}
