/**
 * Output section rules: which output section each input section goes to, the fixed
 * order of output sections in the two segments, and the sort key of init/fini array
 * pieces. A condensed form of GNU ld's default i386 linker script.
 *
 * - DWARF sections (.debug_*) are kept unallocated after the segments (address 0);
 *   other non-allocated sections (.comment, .note.GNU-stack) and notes are dropped.
 * - Known classes merge by name: .text/.text.* → .text, .rodata* → .rodata,
 *   .data* → .data, .bss* → .bss, .tdata* → .tdata, .tbss* → .tbss, .init_array* and
 *   .ctors* → .init_array, .fini_array* and .dtors* → .fini_array.
 * - Any other allocated section is an "orphan": it keeps its name and is placed by
 *   its flags (after .fini if executable, after .rodata if read-only, after .data if
 *   writable, before .bss if writable NOBITS).
 */

import type { ObjSection } from "../as/object.ts";

/** Which PT_LOAD segment an output section belongs to ("none": not loaded, debug info). */
export type Segment = "text" | "data" | "none";

/** A slot in the fixed output order. */
export interface SlotInfo {
  readonly name: string;
  readonly segment: Segment;
}

/** The fixed order of output sections; orphans go to the `*orphan-*` slots. */
export const ORDER: readonly SlotInfo[] = [
  { name: ".rel.iplt", segment: "text" },
  { name: ".init", segment: "text" },
  { name: ".iplt", segment: "text" },
  { name: ".text", segment: "text" },
  { name: ".fini", segment: "text" },
  { name: "*orphan-exec", segment: "text" },
  { name: ".rodata", segment: "text" },
  { name: "*orphan-ro", segment: "text" },
  { name: ".eh_frame", segment: "text" },
  { name: ".gcc_except_table", segment: "text" },
  { name: ".tdata", segment: "data" },
  { name: ".tbss", segment: "data" },
  { name: ".preinit_array", segment: "data" },
  { name: ".init_array", segment: "data" },
  { name: ".fini_array", segment: "data" },
  { name: ".data", segment: "data" },
  { name: "*orphan-rw", segment: "data" },
  { name: ".got", segment: "data" },
  { name: "*orphan-bss", segment: "data" },
  { name: ".bss", segment: "data" },
  { name: "*debug", segment: "none" },
];

const RULES: readonly [RegExp, string][] = [
  [/^\.(text|gnu\.linkonce\.t)(\.|$)/, ".text"],
  [/^\.init$/, ".init"],
  [/^\.fini$/, ".fini"],
  [/^\.(rodata|gnu\.linkonce\.r)(\.|$)|^\.rodata1$/, ".rodata"],
  [/^\.eh_frame$/, ".eh_frame"],
  [/^\.gcc_except_table(\.|$)/, ".gcc_except_table"],
  [/^\.(tdata|gnu\.linkonce\.td)(\.|$)/, ".tdata"],
  [/^\.(tbss|gnu\.linkonce\.tb)(\.|$)/, ".tbss"],
  [/^\.preinit_array(\.|$)/, ".preinit_array"],
  [/^\.(init_array|ctors)(\.|$)/, ".init_array"],
  [/^\.(fini_array|dtors)(\.|$)/, ".fini_array"],
  [/^\.(data|gnu\.linkonce\.d)(\.|$)|^\.data1$/, ".data"],
  [/^\.(bss|sbss|gnu\.linkonce\.b)(\.|$)/, ".bss"],
];

/** Output section name for `sec`, or null if the section is discarded. */
export function outputName(sec: ObjSection): string | null {
  if (!sec.flags.alloc) {
    return /^\.debug_/.test(sec.name) && sec.type !== "nobits" ? sec.name : null;
  }
  if (sec.type === "note" || sec.name.startsWith(".note")) return null;
  for (const [re, out] of RULES) if (re.test(sec.name)) return out;
  if (sec.type === "init_array") return ".init_array";
  if (sec.type === "fini_array") return ".fini_array";
  if (sec.type === "preinit_array") return ".preinit_array";
  if (sec.flags.tls) return sec.type === "nobits" ? ".tbss" : ".tdata";
  return sec.name;
}

/** The ORDER slot of an output section name (orphans by flags). */
export function slotOf(name: string, sec: ObjSection): string {
  if (ORDER.some((s) => s.name === name)) return name;
  if (!sec.flags.alloc) return "*debug";
  if (sec.flags.exec) return "*orphan-exec";
  if (!sec.flags.write) return "*orphan-ro";
  return sec.type === "nobits" ? "*orphan-bss" : "*orphan-rw";
}

/**
 * Sort key of an init/fini array piece (GNU SORT_BY_INIT_PRIORITY): numbered pieces
 * first by priority (".init_array.N" → N, ".ctors.N" → 65535 - N), then unnumbered
 * ones in input order. Other sections keep input order (key 0).
 */
export function initPriority(name: string): number {
  const m = /^\.(init_array|fini_array|preinit_array|ctors|dtors)\.(\d+)$/.exec(name);
  if (!m) return /^\.(init_array|fini_array|preinit_array|ctors|dtors)$/.test(name) ? 1e6 : 0;
  const n = Number(m[2]);
  return m[1] === "ctors" || m[1] === "dtors" ? 65535 - n : n;
}
