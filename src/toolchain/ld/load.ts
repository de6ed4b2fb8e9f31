/**
 * Reads the link inputs in command-line order into a SymbolTable: objects are always
 * loaded; an archive loads a member only when the member defines a name that is
 * currently undefined (strongly referenced), scanning that archive again until
 * nothing changes, as GNU ld does. With `archives: "grouped"` every archive is
 * rescanned until no archive adds a member (like --start-group ... --end-group).
 *
 * Throws LinkError("bad-input") for files that are neither ELF objects nor archives.
 */

import type { ObjectFile } from "../as/object.ts";
import { type Archive, isArchive, readArchive } from "./archive.ts";
import { isElf, readElf } from "./elf_reader.ts";
import { fail } from "./errors.ts";
import type { SymbolTable } from "./symbols.ts";
import { validateObject } from "./validate.ts";

/** One link input: an in-memory object, or the bytes of an ELF .o or an ar archive. */
export type LinkInput =
  | { readonly name: string; readonly object: ObjectFile }
  | { readonly name: string; readonly bytes: Uint8Array };

/** How archives are searched. */
export type ArchiveMode = "in-order" | "grouped";

/** Loads every input into `table`. */
export function loadInputs(
  inputs: readonly LinkInput[],
  table: SymbolTable,
  mode: ArchiveMode,
): void {
  const archives: { ar: Archive; loaded: Set<number> }[] = [];
  for (const input of inputs) {
    if ("object" in input) {
      validateObject(input.object, input.name);
      table.add(input.name, input.object);
    } else if (isArchive(input.bytes)) {
      const a = { ar: readArchive(input.bytes, input.name), loaded: new Set<number>() };
      archives.push(a);
      scanArchive(a.ar, a.loaded, table);
    } else if (isElf(input.bytes)) {
      const { object, ifuncs } = readElf(input.bytes, input.name);
      table.add(input.name, object, ifuncs);
    } else {
      fail("bad-input", `${input.name}: file format not recognized`);
    }
  }
  if (mode === "grouped") {
    while (archives.some((a) => scanArchive(a.ar, a.loaded, table))) { /* until stable */ }
  }
}

/** Pulls members of `ar` defining undefined names until none does; true if any was loaded. */
function scanArchive(ar: Archive, loaded: Set<number>, table: SymbolTable): boolean {
  let any = false;
  for (let changed = true; changed;) {
    changed = false;
    for (const name of table.undefinedNames()) {
      if (table.defs.has(name)) continue;
      const m = ar.index.get(name)?.find((i) => !loaded.has(i));
      if (m === undefined) continue;
      loaded.add(m);
      const member = ar.members[m];
      const label = `${ar.name}(${member.name})`;
      if (!isElf(member.bytes)) fail("bad-input", `${label}: member is not an ELF object`);
      const { object, ifuncs } = readElf(member.bytes, label);
      table.add(label, object, ifuncs);
      changed = any = true;
    }
  }
  return any;
}
