/**
 * The assembler's working model of sections, fragments and symbols (internal).
 *
 * A section is a list of fragments. A fragment holds fixed bytes, the fixups that
 * patch them, and optionally one variable-size tail: a relaxable branch or an
 * alignment. Labels point at (fragment, offset), so the distance between two labels
 * in the same fragment is known while parsing (GNU as resolves such differences
 * early too); anything else waits for layout (layout.ts), which assigns fragment
 * addresses, relaxes branches and resolves fixups.
 */

import type { SrcLoc } from "./errors.ts";
import type { Expr } from "./expr.ts";

/** A relaxable jmp/jcc: short form (`short`, rel8) until layout proves it needs `near`. */
export interface BranchTail {
  readonly kind: "branch";
  readonly short: readonly number[];
  readonly near: readonly number[];
  readonly target: Expr;
  readonly loc: SrcLoc;
  big: boolean;
}

/** Padding to a power-of-two boundary; `fill` null = NOPs in code, zeros elsewhere. */
export interface AlignTail {
  readonly kind: "align";
  readonly align: number;
  readonly fill: number | null;
  readonly max: number;
}

/** `.org target[, fill]`: pad up to a section offset (a constant or a label + constant). */
export interface OrgTail {
  readonly kind: "org";
  readonly target: Expr;
  readonly fill: number;
  readonly loc: SrcLoc;
}

/** A fragment's variable-size tail. */
export type Tail = BranchTail | AlignTail | OrgTail;

/** A patch to apply to fragment bytes once symbol values are known. */
export interface Fixup {
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly expr: Expr;
  /** PC-relative: the field holds target - (address of the field + size). */
  readonly pcrel: boolean;
  /** Offset of the field from the start of its instruction (0 for data). */
  readonly insn: number;
  /** The field is the displacement of an instruction the linker may relax (R_386_GOT32X). */
  readonly gotx: boolean;
  readonly loc: SrcLoc;
}

/** A run of bytes with fixups and an optional variable tail. */
export class Frag {
  readonly bytes: number[] = [];
  readonly fixups: Fixup[] = [];
  tail: Tail | null = null;
  /** Offset of the fragment in its section; set by layout. */
  addr = 0;
  /** Size of the tail; set by layout. */
  tailSize = 0;

  constructor(readonly section: Section, readonly index: number) {}
}

/** ELF-like section kinds. */
export type SectionType =
  | "progbits"
  | "nobits"
  | "note"
  | "init_array"
  | "fini_array"
  | "preinit_array";

/** A section under construction. */
export class Section {
  readonly frags: Frag[] = [];
  align = 1;
  /** COMDAT group signature (`.section name,"axG",@progbits,sig,comdat`), or null. */
  group: string | null = null;
  /** Set by layout: total size. */
  size = 0;

  constructor(
    readonly name: string,
    public flags: string,
    public type: SectionType,
    public entsize = 0,
  ) {
    this.newFrag();
  }

  /** The fragment currently being appended to. */
  get cur(): Frag {
    return this.frags[this.frags.length - 1];
  }

  /** Closes the current fragment with `tail` and starts a new one. */
  closeWith(tail: Tail): void {
    this.cur.tail = tail;
    this.newFrag();
  }

  private newFrag(): void {
    this.frags.push(new Frag(this, this.frags.length));
  }

  /** True for executable sections (alignment pads with NOPs). */
  get isCode(): boolean {
    return this.flags.includes("x");
  }
}

/** Symbol binding. */
export type Binding = "local" | "global" | "weak";

/** A symbol: label, equate, common block or undefined reference. */
export class Sym {
  binding: Binding = "local";
  explicitLocal = false;
  type: "notype" | "func" | "object" | "tls" | "section" | "file" = "notype";
  visibility: "default" | "hidden" | "protected" | "internal" = "default";
  size: Expr | null = null;
  /** Labels: where. */
  frag: Frag | null = null;
  offset = 0;
  /** Equates (`.set`, `.equ`, `=`): the defining expression. */
  expr: Expr | null = null;
  /**
   * The equate was neither constant nor a defined label + constant when defined: like
   * GNU as (expr_section symbols), its value stays unknown while parsing, so operands
   * using it get full-size fields even if it later becomes constant.
   */
  opaqueEarly = false;
  /** `.comm`: size and alignment. */
  common: { size: number; align: number } | null = null;
  /** Referenced by some expression (undefined symbols only appear if used). */
  used = false;
  /** Temporary/local label (`.L*`, numeric, `.`): not written to the symbol table... */
  temp = false;
  /** ...unless a relocation must name it (e.g. @GOTOFF into a mergeable section). */
  keep = false;

  constructor(readonly name: string) {}

  /** Defined as a label or an equate. */
  get defined(): boolean {
    return this.frag !== null || this.expr !== null;
  }

  /** Section of a label symbol. */
  get section(): Section | null {
    return this.frag ? this.frag.section : null;
  }

  /** Section offset of a label (valid after layout). */
  get value(): number {
    return this.frag ? this.frag.addr + this.offset : 0;
  }
}
