/**
 * Global symbol resolution: the set of loaded objects, COMDAT group selection and the
 * table of global definitions, with GNU ld's rules:
 *
 * - a strong definition beats weak and common ones; two strong definitions are an
 *   error naming both objects (reported once the whole link has been read);
 * - common symbols merge (largest size, largest alignment) and lose to a strong
 *   definition; the first weak definition wins among weak ones;
 * - the first COMDAT group with a given signature is kept; sections of later copies
 *   are discarded and their symbols count as references;
 * - a name is "undefined" while it has a strong reference and no definition; only
 *   those names pull archive members (undefined weak references resolve to 0).
 */

import type { ObjectFile, ObjSymbol } from "../as/object.ts";

/** An object taking part in the link. */
export interface LoadedObject {
  /** Name for messages: "a.o" or "libc.a(printf.o)". */
  readonly name: string;
  readonly obj: ObjectFile;
  /** Indices of sections dropped by COMDAT selection. */
  readonly discarded: ReadonlySet<number>;
  /** Position in load order. */
  readonly index: number;
  /** Indices of STT_GNU_IFUNC symbols (resolver functions). */
  readonly ifuncs: ReadonlySet<number>;
}

/** The winning definition of a global name. */
export interface Definition {
  readonly file: LoadedObject;
  /** Index into `file.obj.symbols`. */
  readonly sym: number;
  readonly strength: "strong" | "weak" | "common";
  /** Merged size/alignment when `strength` is "common". */
  commonSize: number;
  commonAlign: number;
}

/** Symbol table of a link in progress. */
export class SymbolTable {
  readonly files: LoadedObject[] = [];
  readonly defs = new Map<string, Definition>();
  /** Names referenced while undefined, with the strongest reference kind seen. */
  readonly refs = new Map<string, "strong" | "weak">();
  /** Duplicate-definition messages. */
  readonly duplicates: string[] = [];
  private readonly groups = new Set<string>();

  /** Adds an object in load order: COMDAT selection, then its global symbols. */
  add(name: string, obj: ObjectFile, ifuncs: ReadonlySet<number> = new Set()): LoadedObject {
    const file: LoadedObject = {
      name,
      obj,
      discarded: this.selectGroups(obj),
      index: this.files.length,
      ifuncs,
    };
    this.files.push(file);
    obj.symbols.forEach((s, i) => {
      if (s.binding !== "local" && s.name) this.addGlobal(file, s, i);
    });
    return file;
  }

  /** Names with a strong reference and no definition, in first-seen order. */
  undefinedNames(): string[] {
    return [...this.refs].filter(([n, k]) => k === "strong" && !this.defs.has(n)).map(([n]) => n);
  }

  /** Records a reference made by the linker itself (entry symbol). */
  reference(name: string): void {
    this.refs.set(name, "strong");
  }

  private selectGroups(obj: ObjectFile): Set<number> {
    const mine = new Set<string>();
    const dropped = new Set<number>();
    obj.sections.forEach((s, i) => {
      if (!s.group) return;
      if (this.groups.has(s.group) && !mine.has(s.group)) dropped.add(i);
      else mine.add(s.group);
    });
    for (const g of mine) this.groups.add(g);
    return dropped;
  }

  private addGlobal(file: LoadedObject, s: ObjSymbol, i: number): void {
    const inDiscarded = typeof s.section === "number" && file.discarded.has(s.section);
    if (s.section === "undef" || inDiscarded) {
      if (this.refs.get(s.name) !== "strong") {
        this.refs.set(s.name, s.binding === "weak" ? "weak" : "strong");
      }
      return;
    }
    const strength = s.section === "common" ? "common" : s.binding === "weak" ? "weak" : "strong";
    const def: Definition = {
      file,
      sym: i,
      strength,
      commonSize: s.size,
      commonAlign: Math.max(1, s.value),
    };
    const old = this.defs.get(s.name);
    if (!old) this.defs.set(s.name, def);
    else this.merge(s.name, old, def);
  }

  private merge(name: string, old: Definition, def: Definition): void {
    if (old.strength === "strong" && def.strength === "strong") {
      this.duplicates.push(
        `multiple definition of \`${name}': first defined in ${old.file.name}, again in ${def.file.name}`,
      );
    } else if (old.strength === "common" && def.strength === "common") {
      old.commonSize = Math.max(old.commonSize, def.commonSize);
      old.commonAlign = Math.max(old.commonAlign, def.commonAlign);
    } else if (rank(def.strength) > rank(old.strength)) {
      this.defs.set(name, def);
    }
  }
}

function rank(s: Definition["strength"]): number {
  return s === "strong" ? 2 : s === "common" ? 1 : 0;
}
