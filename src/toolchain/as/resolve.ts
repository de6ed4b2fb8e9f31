/**
 * Fixup resolution: patch each fixup's field with its value, or turn it into a
 * relocation.
 *
 * A fixup value is `k + Σ coef·sym` (expr.ts). Accepted shapes:
 *   k                      a constant (a PC-relative constant target needs a relocation
 *                          in an object, since the final address is unknown)
 *   X + k                  X a label, common or undefined symbol
 *   X - Y + k              Y a label in the fixup's own section: PC-relative to X
 * A target resolves to a constant when it is in the fixup's own section and PC-relative
 * and either local or (for relaxed jmp/jcc) non-weak; otherwise it becomes a relocation
 * (object mode) or uses the final address (flat mode, `bases` given).
 */

import { LineError } from "./errors.ts";
import { evaluate, finalDistance, type RelocSuffix, type Value } from "./expr.ts";
import { pushLE } from "./bytes.ts";
import type { LaidOut, PlacedFixup } from "./layout.ts";
import { type RelocType, RelocType as R } from "./object.ts";
import { inRange } from "./operand_match.ts";
import type { Section, Sym } from "./section.ts";

/** A relocation still naming the assembler's symbol (null = section symbol of `section`). */
export interface PendingReloc {
  readonly offset: number;
  readonly type: RelocType;
  readonly sym: Sym | null;
  readonly section: Section | null;
  readonly addend: number;
}

/** Where sections live in flat mode (absolute address of each). */
export type Bases = ReadonlyMap<Section, number>;

/**
 * Resolves all fixups of `lo` in place; returns its relocations (empty in flat mode).
 * A fixup that cannot be resolved is passed to `report` and the rest continue.
 */
export function resolveFixups(
  lo: LaidOut,
  bases: Bases | null,
  report: (e: unknown) => void,
): PendingReloc[] {
  const relocs: PendingReloc[] = [];
  for (const f of lo.fixups) {
    try {
      const v = evaluate(f.expr, finalDistance, f.loc);
      const r = resolveOne(lo.section, f, v, bases);
      if (r.reloc) relocs.push({ ...r.reloc, offset: f.offset });
      write(lo, f, r.value);
    } catch (e) {
      report(e instanceof LineError && !e.loc ? new LineError(e.message, f.loc) : e);
    }
  }
  return relocs;
}

interface Resolution {
  value: number;
  reloc: Omit<PendingReloc, "offset"> | null;
}

function resolveOne(s: Section, f: PlacedFixup, v: Value, bases: Bases | null): Resolution {
  const pos = v.terms.filter((t) => t.coef === 1);
  const neg = v.terms.filter((t) => t.coef === -1);
  if (pos.length + neg.length !== v.terms.length || pos.length > 1 || neg.length > 1) {
    throw new LineError("expression too complex for a relocation", f.loc);
  }
  if (v.reloc || (pos.length === 1 && !neg.length && pos[0].sym.name === GOT_SYMBOL)) {
    return operatorReloc(f, v, pos[0]?.sym, bases);
  }
  const base = bases?.get(s) ?? 0;
  const here = base + f.offset + f.size;
  let k = v.k;
  let pcrel = f.pcrel;
  if (neg.length) {
    const y = neg[0].sym;
    if (pcrel || y.section !== s || !pos.length) {
      throw new LineError(`can't subtract '${y.name}' here (not in this section)`, f.loc);
    }
    k += f.offset - y.value;
    pcrel = true;
    k += f.size;
  }
  if (!pos.length) {
    if (!pcrel) return { value: k, reloc: null };
    if (bases) return { value: k - here, reloc: null };
    return {
      value: k - f.size,
      reloc: { type: relType(f.size, true), sym: null, section: null, addend: k - f.size },
    };
  }
  return symbolic(s, f, pos[0].sym, k, pcrel, bases, pos[0].viaLocal ?? false);
}

const GOT_SYMBOL = "_GLOBAL_OFFSET_TABLE_";

const OPERATOR_TYPES: Readonly<Record<RelocSuffix, RelocType>> = {
  GOT: R.R_386_GOT32,
  GOTOFF: R.R_386_GOTOFF,
  PLT: R.R_386_PLT32,
  GOTPC: R.R_386_GOTPC,
  NTPOFF: R.R_386_TLS_LE,
  TPOFF: R.R_386_TLS_LE_32,
  GOTNTPOFF: R.R_386_TLS_GOTIE,
  INDNTPOFF: R.R_386_TLS_IE,
  GOTTPOFF: R.R_386_TLS_IE_32,
  TLSGD: R.R_386_TLS_GD,
  TLSLDM: R.R_386_TLS_LDM,
  DTPOFF: R.R_386_TLS_LDO_32,
};

/**
 * `sym@OP` and `_GLOBAL_OFFSET_TABLE_` references: always a relocation. GOTPC's
 * addend is the field's offset in its instruction (GNU as), GOT becomes GOT32X in
 * relaxable instructions, PLT is PC-relative (-4 like PC32).
 */
function operatorReloc(
  f: PlacedFixup,
  v: Value,
  x: Sym | undefined,
  bases: Bases | null,
): Resolution {
  if (!x || v.terms.length !== 1 || f.size !== 4) {
    throw new LineError("bad operand for a PIC/TLS relocation", f.loc);
  }
  if (bases) throw new LineError(`'${x.name}' needs a linker (PIC/TLS relocation)`, f.loc);
  const op = v.reloc ?? "GOTPC";
  let type = OPERATOR_TYPES[op];
  if (type === R.R_386_GOT32 && f.gotx) type = R.R_386_GOT32X;
  const addend = v.k + (op === "GOTPC" ? f.insn : 0) + (f.pcrel ? -f.size : 0);
  const sec = x.section;
  // GNU as folds @GOTOFF of a local label into the section symbol only in instruction
  // fields (insn > 0) and outside mergeable sections.
  if (op === "GOTOFF" && sec && x.binding === "local" && !sec.flags.includes("M") && f.insn > 0) {
    const a = x.value + addend;
    return { value: a, reloc: { type, sym: null, section: sec, addend: a } };
  }
  x.keep = true;
  return { value: addend, reloc: { type, sym: x, section: null, addend } };
}

function symbolic(
  s: Section,
  f: PlacedFixup,
  x: Sym,
  k: number,
  pcrel: boolean,
  bases: Bases | null,
  viaLocal: boolean,
): Resolution {
  const sec = x.section;
  if (!x.defined && x.name.includes("\u0002")) {
    throw new LineError(
      `local label '${x.name.slice(2, x.name.indexOf("\u0002"))}' is not defined`,
      f.loc,
    );
  }
  const local = x.binding === "local" || viaLocal;
  if (bases) {
    if (!sec) throw new LineError(`undefined symbol '${x.name}'`, f.loc);
    const addr = bases.get(sec)! + x.value + k;
    return { value: pcrel ? addr - (bases.get(s)! + f.offset + f.size) : addr, reloc: null };
  }
  const localEnough = local || (f.branch && x.binding !== "weak");
  if (pcrel && sec === s && localEnough) {
    return { value: x.value + k - (f.offset + f.size), reloc: null };
  }
  const adj = pcrel ? -f.size : 0;
  const type = relType(f.size, pcrel);
  if (sec && local) {
    const addend = x.value + k + adj;
    return { value: addend, reloc: { type, sym: null, section: sec, addend } };
  }
  return { value: k + adj, reloc: { type, sym: x, section: null, addend: k + adj } };
}

function relType(size: number, pcrel: boolean): RelocType {
  if (size === 4) return pcrel ? R.R_386_PC32 : R.R_386_32;
  if (size === 2) return pcrel ? R.R_386_PC16 : R.R_386_16;
  return pcrel ? R.R_386_PC8 : R.R_386_8;
}

function write(lo: LaidOut, f: PlacedFixup, value: number): void {
  if (f.size < 4) {
    const ok = f.pcrel
      ? value >= -(2 ** (f.size * 8 - 1)) && value < 2 ** (f.size * 8 - 1)
      : inRange(value, f.size * 8);
    if (!ok) {
      const what = f.pcrel ? "branch target out of range" : `value ${value} does not fit`;
      throw new LineError(`${what} (${f.size * 8}-bit field)`, f.loc);
    }
  }
  if (lo.section.type === "nobits") return;
  const bytes: number[] = [];
  pushLE(bytes, value, f.size);
  lo.bytes.set(bytes, f.offset);
}
