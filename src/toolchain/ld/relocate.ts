/**
 * Builds the contents of every output section: copies input section bytes to their
 * offsets, applies each relocation (formulas in reloc_info.ts) and fills the GOT.
 *
 * Failure contract: every problem is collected and reported together in one
 * LinkError — "undefined" if any symbol is undefined, else the first problem's kind.
 * Messages name the object, section, offset and symbol, e.g.
 *   "undefined reference to `foo' in a.o(.text+0x12)"
 *   "a.o(.text+0x3): relocation R_386_8 against `big' out of range (value 0x1234)"
 * References to symbols in discarded sections resolve to 0 from .eh_frame,
 * .gcc_except_table and .debug_* (as in GNU ld, where FDE pruning and debug tombstones
 * make them irrelevant) and are an error elsewhere.
 */

import type { Reloc } from "../as/object.ts";
import { LinkError, type LinkErrorKind } from "./errors.ts";
import { fillGot, type Got, gotKey } from "./got.ts";
import { fillIfuncs } from "./ifunc.ts";
import { relaxToLocalExec, tlsDynamicModel } from "./tls_relax.ts";
import type { Layout, OutSection, Piece } from "./layout.ts";
import { type RelocInfo, relocName, RELOCS } from "./reloc_info.ts";
import type { Resolver } from "./resolve.ts";

/** Inputs of the relocation pass. */
export interface RelocateContext {
  readonly layout: Layout;
  readonly resolver: Resolver;
  readonly got: Got;
}

interface Problem {
  kind: LinkErrorKind;
  message: string;
}

const MAX_MESSAGES = 50;

/** Returns the bytes of every non-NOBITS output section, relocated. Throws LinkError. */
export function relocate(ctx: RelocateContext): Map<OutSection, Uint8Array> {
  const out = new Map<OutSection, Uint8Array>();
  const problems: Problem[] = [];
  for (const o of ctx.layout.outs) {
    if (o.type === 8) continue;
    const bytes = new Uint8Array(o.size);
    for (const p of o.pieces) {
      bytes.set(p.sec.bytes.subarray(0, p.sec.size), p.offset);
      const relocs = p.sec.relocs;
      for (let i = 0; i < relocs.length; i++) {
        const r = relocs[i];
        const model = tlsDynamicModel(r.type);
        if (!model) applyOne(ctx, o, p, r, bytes, problems);
        else if (
          relaxOne(ctx, p, r, model, bytes, problems) && relocs[i + 1]?.offset === r.offset + 5
        ) i++;
      }
    }
    out.set(o, bytes);
  }
  const got = out.get(ctx.layout.section(".got")!)!;
  fillGot(ctx.got, got, { resolver: ctx.resolver, tpoff: (a) => tpoff(ctx.layout, a) });
  const plan = ctx.resolver.ifuncs;
  fillIfuncs(ctx.layout, {
    count: plan.defs.length,
    iplt: out.get(ctx.layout.section(".iplt")!)!,
    rel: out.get(ctx.layout.section(".rel.iplt")!)!,
    got,
    gotBase: ctx.got.size * 4,
    resolverOf: (i) => {
      const v = ctx.resolver.value(plan.defs[i].file, plan.defs[i].sym);
      return v.kind === "defined" ? v.value : 0;
    },
  });
  if (problems.length) {
    const kind = problems.some((p) => p.kind === "undefined") ? "undefined" : problems[0].kind;
    const msgs = problems.slice(0, MAX_MESSAGES).map((p) => p.message);
    if (problems.length > MAX_MESSAGES) {
      msgs.push(`... and ${problems.length - MAX_MESSAGES} more errors`);
    }
    throw new LinkError(kind, msgs);
  }
  return out;
}

/**
 * Offset of `addr` from the thread pointer: the TLS block, of size memsz rounded up
 * to its alignment (as glibc and musl allocate it), ends at TP; so the offset is negative.
 */
export function tpoff(l: Layout, addr: number): number {
  if (!l.tls) return 0;
  const size = Math.ceil(l.tls.memsz / l.tls.align) * l.tls.align;
  return addr - (l.tls.vaddr + size);
}

function where(p: Piece, r: Reloc): string {
  return `${p.file.name}(${p.sec.name}+0x${r.offset.toString(16)})`;
}

function symName(p: Piece, r: Reloc): string {
  const s = p.file.obj.symbols[r.symbol];
  if (!s) return "*ABS*";
  return s.type === "section" ? p.file.obj.sections[s.section as number]?.name ?? "?" : s.name;
}

/** Relaxes a GD/LDM sequence to local-exec; true if done (skip the call's relocation). */
function relaxOne(
  ctx: RelocateContext,
  p: Piece,
  r: Reloc,
  model: "gd" | "ldm",
  bytes: Uint8Array,
  problems: Problem[],
): boolean {
  const v = ctx.resolver.target(p.file, r.symbol);
  if (v.kind === "undefined") {
    problems.push({
      kind: "undefined",
      message: `undefined reference to \`${symName(p, r)}' in ${where(p, r)}`,
    });
    return false;
  }
  const s = v.kind === "defined" ? v.value : 0;
  const site = { at: p.offset + r.offset, model, posTpoff: -tpoff(ctx.layout, s) };
  if (relaxToLocalExec(bytes, site)) return true;
  problems.push({
    kind: "unsupported",
    message: `${where(p, r)}: ${relocName(r.type)} against \`${
      symName(p, r)
    }' is not in the standard code sequence and cannot be relaxed for a static link`,
  });
  return false;
}

function applyOne(
  ctx: RelocateContext,
  o: OutSection,
  p: Piece,
  r: Reloc,
  bytes: Uint8Array,
  problems: Problem[],
) {
  const info = RELOCS.get(r.type);
  if (!info) {
    problems.push({
      kind: "unsupported",
      message: `${where(p, r)}: unsupported relocation ${relocName(r.type)} against \`${
        symName(p, r)
      }'`,
    });
    return;
  }
  const v = ctx.resolver.target(p.file, r.symbol);
  let s = 0;
  if (v.kind === "defined") s = v.value;
  else if (v.kind === "undefined") {
    problems.push({
      kind: "undefined",
      message: `undefined reference to \`${symName(p, r)}' in ${where(p, r)}`,
    });
    return;
  } else if (v.kind === "discarded" && !/^\.(eh_frame|gcc_except_table|debug_)/.test(p.sec.name)) {
    problems.push({
      kind: "bad-input",
      message: `${where(p, r)}: \`${symName(p, r)}' is defined in a discarded section`,
    });
    return;
  }
  const at = o.addr + p.offset + r.offset;
  const value = compute(
    ctx,
    info,
    { s, a: r.addend, p: at, g: gotAddr(ctx, info, p, r) },
    p,
    r,
    bytes,
  );
  write(bytes, p.offset + r.offset, info, value, () =>
    problems.push({
      kind: "overflow",
      message: `${where(p, r)}: relocation ${info.name} against \`${
        symName(p, r)
      }' out of range (value ${hex(value)})`,
    }));
}

interface Operands {
  s: number;
  a: number;
  p: number;
  g: number;
}

function gotAddr(ctx: RelocateContext, info: RelocInfo, p: Piece, r: Reloc): number {
  const kind = info.formula === "got"
    ? "addr"
    : info.formula === "ie_got_pos"
    ? "tpoff_pos"
    : info.formula.startsWith("ie_")
    ? "tpoff"
    : null;
  if (!kind || r.symbol < 0) return 0;
  const e = ctx.got.get(gotKey(kind, { file: p.file, sym: r.symbol }))!;
  return ctx.layout.section(".got")!.addr + e.slot * 4;
}

function compute(
  ctx: RelocateContext,
  info: RelocInfo,
  x: Operands,
  p: Piece,
  r: Reloc,
  bytes: Uint8Array,
) {
  const GOT = ctx.layout.section(".got")!.addr;
  const l = ctx.layout;
  switch (info.formula) {
    case "abs":
      return x.s + x.a;
    case "pc":
    case "plt":
      return x.s + x.a - x.p;
    case "got":
      return baseless(p, r, bytes) ? x.g + x.a : x.g + x.a - GOT;
    case "gotoff":
      return x.s + x.a - GOT;
    case "gotpc":
      return GOT + x.a - x.p;
    case "tpoff_neg":
      return tpoff(l, x.s) + x.a;
    case "tpoff_pos":
      return -tpoff(l, x.s) + x.a;
    case "ie_abs":
      return x.g + x.a;
    case "ie_got":
    case "ie_got_pos":
      return x.g + x.a - GOT;
    case "dtpoff": // in code, after an LDM → LE relaxation, %eax is TP (GNU ld does the same)
      if (p.sec.flags.exec) return tpoff(l, x.s) + x.a;
      return x.s + x.a - (l.tls?.vaddr ?? 0);
  }
}

/** True if a GOT load has no base register (ModRM mod=00 rm=101): the field is absolute. */
function baseless(p: Piece, r: Reloc, bytes: Uint8Array): boolean {
  return p.sec.flags.exec && r.offset >= 1 && (bytes[p.offset + r.offset - 1] & 0xc7) === 0x05;
}

function write(
  bytes: Uint8Array,
  at: number,
  info: RelocInfo,
  v: number,
  overflow: () => void,
): void {
  // Address arithmetic is modulo 2^32, as in GNU ld: a field fits if the 32-bit value
  // read as signed fits ("signed"), or read as signed or unsigned fits ("bitfield").
  const bits = info.width * 8, s32 = v | 0, u32 = v >>> 0;
  const fitsSigned = s32 >= -(2 ** (bits - 1)) && s32 < 2 ** (bits - 1);
  const ok = info.overflow === "none" || fitsSigned ||
    (info.overflow === "bitfield" && u32 < 2 ** bits);
  if (!ok) return overflow();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (info.width === 4) dv.setUint32(at, v >>> 0, true);
  else if (info.width === 2) dv.setUint16(at, v & 0xffff, true);
  else bytes[at] = v & 0xff;
}

function hex(v: number): string {
  return v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}
