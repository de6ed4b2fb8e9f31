/**
 * Final pass: lay out sections, resolve fixups and build the ObjectFile (object.ts)
 * or the flat image.
 *
 * Symbol table order: file symbol, section symbols, non-temporary local symbols, then
 * global/weak symbols (defined, common and referenced-undefined). Temporary symbols
 * (`.L*`, numeric local labels, `.`) are omitted, as by GNU as. Symbol sizes come from
 * `.size` (evaluated after layout).
 */

import { type Diagnostic, LineError } from "./errors.ts";
import { constOf, evaluate, finalDistance } from "./expr.ts";
import type { Assembler } from "./assembler.ts";
import { emitSection, type LaidOut, relax } from "./layout.ts";
import type { ObjectFile, ObjSection, ObjSymbol, Reloc } from "./object.ts";
import { type PendingReloc, resolveFixups } from "./resolve.ts";
import type { Section, Sym } from "./section.ts";

/** Runs `fn`, turning a LineError into an error diagnostic. */
function guard(a: Assembler, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    a.report(e);
  }
}

/** Sections in output order: those with bytes in creation order, then nobits ones. */
function liveSections(a: Assembler): Section[] {
  const all = [...a.sections.values()];
  return [...all.filter((s) => s.type !== "nobits"), ...all.filter((s) => s.type === "nobits")];
}

/** Lays out and resolves; returns laid-out sections with pending relocations. */
function layoutAll(a: Assembler, bases: Map<Section, number> | null, origin = 0) {
  const secs = liveSections(a);
  for (const s of secs) relax(s);
  if (bases) {
    let addr = origin;
    for (const s of secs) {
      addr = Math.ceil(addr / s.align) * s.align;
      bases.set(s, addr);
      addr += s.size;
    }
  }
  const out: { lo: LaidOut; relocs: PendingReloc[] }[] = [];
  for (const s of secs) {
    const lo = emitSection(s);
    out.push({ lo, relocs: resolveFixups(lo, bases, (e) => a.report(e)) });
  }
  return out;
}

/** Builds the relocatable object. */
export function finishObject(a: Assembler): ObjectFile {
  defineGroupSignatures(a);
  const laid = layoutAll(a, null);
  const secIndex = new Map<Section, number>(laid.map((l, i) => [l.lo.section, i]));
  const { symbols, index } = symbolTable(a, secIndex);
  const sections: ObjSection[] = laid.map(({ lo, relocs }) => ({
    name: lo.section.name,
    type: lo.section.type,
    flags: flagsOf(lo.section.flags),
    align: lo.section.align,
    entsize: lo.section.entsize,
    size: lo.section.size,
    bytes: lo.bytes,
    relocs: relocs.map((r) => toReloc(r, index, secIndex)),
    group: lo.section.group,
  }));
  return { fileName: a.fileName, sections, symbols };
}

/** A COMDAT signature that names no symbol gets a local one at its section's start. */
function defineGroupSignatures(a: Assembler): void {
  for (const s of a.sections.values()) {
    if (!s.group) continue;
    const sym = a.symbols.get(s.group);
    if (sym?.defined || sym?.common) continue;
    const sig = a.name(s.group);
    if (sig.binding !== "local") continue;
    sig.frag = s.frags[0];
    sig.offset = 0;
  }
}

function toReloc(
  r: PendingReloc,
  index: Map<Sym, number>,
  secIndex: Map<Section, number>,
): Reloc {
  let symbol = -1;
  if (r.sym) symbol = index.get(r.sym) ?? -1;
  else if (r.section) symbol = 1 + secIndex.get(r.section)!;
  return { offset: r.offset, type: r.type, symbol, addend: r.addend };
}

function flagsOf(f: string) {
  return {
    alloc: f.includes("a"),
    write: f.includes("w"),
    exec: f.includes("x"),
    merge: f.includes("M"),
    strings: f.includes("S"),
    tls: f.includes("T"),
  };
}

function symbolTable(a: Assembler, secIndex: Map<Section, number>) {
  const symbols: ObjSymbol[] = [];
  const index = new Map<Sym, number>();
  const base = { size: 0, visibility: "default" as const };
  symbols.push({
    ...base,
    name: a.sourceFile ?? a.fileName,
    section: "abs",
    value: 0,
    binding: "local",
    type: "file",
  });
  for (const [s, i] of secIndex) {
    symbols.push({
      ...base,
      name: s.name,
      section: i,
      value: 0,
      binding: "local",
      type: "section",
    });
  }
  const all = [...a.symbols.values()].filter((s) => wanted(s));
  const locals = all.filter((s) => s.binding === "local" && s.defined);
  const globals = all.filter((s) => !locals.includes(s));
  for (const s of [...locals, ...globals]) {
    const sym = guardSym(a, s, secIndex);
    if (!sym) continue;
    index.set(s, symbols.length);
    symbols.push(sym);
  }
  return { symbols, index };
}

function wanted(s: Sym): boolean {
  if (s.temp && s.binding === "local" && !s.keep && (s.defined || s.common)) return false;
  if (s.name.includes("\u0002")) return false;
  return s.defined || s.common !== null || s.used || s.binding !== "local";
}

function guardSym(a: Assembler, s: Sym, secIndex: Map<Section, number>): ObjSymbol | null {
  let out: ObjSymbol | null = null;
  guard(a, () => out = objSymbol(s, secIndex));
  return out;
}

function objSymbol(s: Sym, secIndex: Map<Section, number>): ObjSymbol {
  const loc = { file: "", line: 0, col: 0 };
  const size = s.size ? constOf(evaluate(s.size, finalDistance, loc), loc) : 0;
  const common = { binding: s.binding, type: s.type, visibility: s.visibility, name: s.name };
  if (s.common) {
    return {
      ...common,
      binding: s.binding === "weak" ? "weak" : "global",
      section: "common",
      value: s.common.align,
      size: s.common.size,
      type: s.type === "notype" ? "object" : s.type,
    };
  }
  if (s.frag) {
    const tls = s.frag.section.flags.includes("T") && (s.type === "object" || s.type === "notype");
    const type = tls ? "tls" : s.type;
    return { ...common, type, section: secIndex.get(s.frag.section)!, value: s.value, size };
  }
  if (s.expr) {
    const v = evaluate(s.expr, finalDistance, loc);
    if (!v.terms.length) return { ...common, section: "abs", value: v.k, size };
    const t = v.terms[0];
    if (v.terms.length === 1 && t.coef === 1 && t.sym.frag) {
      // An alias of a label takes the label's type and size unless given its own (GNU as).
      const type = s.type === "notype" ? t.sym.type : s.type;
      const aliasSize = s.size || !t.sym.size ? size : objSymbol(t.sym, secIndex).size;
      const section = secIndex.get(t.sym.frag.section)!;
      return { ...common, type, section, value: t.sym.value + v.k, size: aliasSize };
    }
    throw new LineError(`can't represent symbol '${s.name}' in the symbol table`);
  }
  return {
    ...common,
    binding: s.binding === "weak" ? "weak" : "global",
    section: "undef",
    value: 0,
    size: 0,
  };
}

/** A flat binary: all sections placed from `origin` in order, every symbol resolved. */
export interface FlatImage {
  readonly origin: number;
  readonly bytes: Uint8Array;
  /** Absolute address of every named, defined symbol (including `.L` labels). */
  readonly symbols: ReadonlyMap<string, number>;
}

/** Builds the flat image. */
export function finishFlat(a: Assembler, origin: number): FlatImage {
  const bases = new Map<Section, number>();
  const laid = layoutAll(a, bases, origin);
  let end = origin;
  for (const { lo } of laid) end = Math.max(end, bases.get(lo.section)! + lo.section.size);
  const bytes = new Uint8Array(end - origin);
  for (const { lo } of laid) bytes.set(lo.bytes, bases.get(lo.section)! - origin);
  const symbols = new Map<string, number>();
  for (const s of a.symbols.values()) {
    if (s.name.includes("\u0002")) continue;
    if (s.frag) symbols.set(s.name, bases.get(s.frag.section)! + s.value);
    else if (s.common) a.report(new LineError(`common symbol '${s.name}' in a flat binary`));
    else if (s.expr) {
      guard(a, () => symbols.set(s.name, flatValue(s, bases)));
    }
  }
  return { origin, bytes, symbols };
}

/** Absolute value of an equate in a flat image (constant or label + constant). */
function flatValue(s: Sym, bases: Map<Section, number>): number {
  const loc = { file: "", line: 0, col: 0 };
  const v = evaluate(s.expr!, finalDistance, loc);
  let k = v.k;
  for (const t of v.terms) {
    if (!t.sym.frag) throw new LineError(`undefined symbol '${t.sym.name}' in '${s.name}'`);
    k += t.coef * (bases.get(t.sym.frag.section)! + t.sym.value);
  }
  return k;
}

/** Errors among diagnostics. */
export function errorsOf(d: readonly Diagnostic[]): Diagnostic[] {
  return d.filter((x) => x.severity === "error");
}
