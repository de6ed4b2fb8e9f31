/**
 * Consistency checks for in-memory `ObjectFile` inputs (ELF inputs are checked while
 * they are read): symbol section indices, relocation symbol indices and relocation
 * fields inside their sections. Throws LinkError("bad-input") naming the object.
 */

import type { ObjectFile } from "../as/object.ts";
import { fail } from "./errors.ts";
import { fieldWidth } from "./reloc_info.ts";

/** Throws if `obj` is internally inconsistent. */
export function validateObject(obj: ObjectFile, name: string): void {
  const nsec = obj.sections.length;
  obj.symbols.forEach((s, i) => {
    if (typeof s.section === "number" && !(s.section >= 0 && s.section < nsec)) {
      fail("bad-input", `${name}: symbol ${i} (${s.name}) in bad section index ${s.section}`);
    }
  });
  for (const sec of obj.sections) {
    for (const r of sec.relocs) {
      const where = `${name}(${sec.name}+0x${r.offset.toString(16)})`;
      if (r.symbol < -1 || r.symbol >= obj.symbols.length) {
        fail("bad-input", `${where}: relocation symbol index ${r.symbol} out of range`);
      }
      if (r.offset < 0 || r.offset + fieldWidth(r.type) > sec.bytes.length) {
        fail("bad-input", `${where}: relocation outside its section`);
      }
    }
  }
}
