/**
 * Emission of a whole translation unit: functions in .text, initialized
 * objects in .data (string literals in .rodata), zero-initialized ones in
 * .bss, each with gcc-compatible alignment and visibility.
 */
import type { Obj } from "../ast.ts";
import { Gen } from "./emitter.ts";
import { genFunction } from "./stmt.ts";

/** Generates GNU as (AT&T) assembly for the parsed globals; `optimize` 0 keeps every variable in memory. */
export function generate(globals: readonly Obj[], fileName: string, optimize: 0 | 1 = 1): string {
  const g = new Gen();
  g.allocateVariables = optimize > 0;
  const data: string[] = [];
  for (const o of globals) {
    if (o.isFunction) {
      // like gcc, unreferenced static functions (e.g. static inline ones from headers) are not emitted
      if (o.body && (!o.isStatic || o.isUsed)) genFunction(g, o);
      continue;
    }
    if (!o.isDefinition) continue;
    data.push(...emitObject(o));
  }
  return [
    `\t.file "${fileName.replace(/["\\]/g, "")}"`,
    ...g.text,
    ...data,
    ...(g.rodata.length ? [`\t.section .rodata`, ...g.rodata] : []),
    `\t.section .note.GNU-stack,"",@progbits`,
    "",
  ].join("\n");
}

function emitObject(o: Obj): string[] {
  const out: string[] = [];
  const size = Math.max(o.type.size, 1);
  const align = Math.max(o.align, o.type.size >= 8 && o.type.kind !== "array" ? 8 : 1, 1);
  const isString = o.label.startsWith(".LC") && !o.label.startsWith(".LCL");
  if (!o.initData) {
    out.push(`\t.bss`);
    if (!o.isStatic) out.push(`\t.globl ${o.label}`);
    out.push(`\t.align ${align}`, `\t.type ${o.label}, @object`, `\t.size ${o.label}, ${size}`);
    out.push(`${o.label}:`, `\t.zero ${size}`);
    return out;
  }
  out.push(isString ? `\t.section .rodata` : `\t.data`);
  if (!o.isStatic) out.push(`\t.globl ${o.label}`);
  out.push(
    `\t.align ${align}`,
    `\t.type ${o.label}, @object`,
    `\t.size ${o.label}, ${size}`,
    `${o.label}:`,
  );
  const relocs = new Map((o.relocs ?? []).map((r) => [r.offset, r]));
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out.push(`\t.byte ${bytes.join(",")}`);
    bytes.length = 0;
  };
  for (let i = 0; i < o.initData.length;) {
    const r = relocs.get(i);
    if (r) {
      flush();
      out.push(`\t.long ${r.label}${r.addend ? (r.addend > 0 ? "+" : "") + r.addend : ""}`);
      i += 4;
      continue;
    }
    bytes.push(o.initData[i++]);
    if (bytes.length === 16) flush();
  }
  flush();
  if (o.initData.length === 0) out.push(`\t.zero 1`);
  return out;
}
