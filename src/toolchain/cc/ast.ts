/**
 * The typed syntax tree the parser builds and the code generator walks.
 * Every expression node carries its C type after the usual conversions have
 * been made explicit as `cast` nodes, so code generation never reasons about
 * C's conversion rules.
 */
import type { Token } from "./lexer.ts";
import type { CType, Member } from "./types.ts";

/** Node kinds. Expression kinds first, then statements. */
export type NodeKind =
  | "num"
  | "var"
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "mod"
  | "band"
  | "bor"
  | "bxor"
  | "shl"
  | "shr"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "logand"
  | "logor"
  | "not"
  | "bitnot"
  | "neg"
  | "cond"
  | "comma"
  | "assign"
  | "deref"
  | "addr"
  | "member"
  | "cast"
  | "call"
  | "memzero"
  | "va_start"
  | "postinc"
  | "stmtexpr"
  | "trap"
  | "nop"
  | "if"
  | "loop"
  | "do"
  | "switch"
  | "case"
  | "block"
  | "goto"
  | "label"
  | "return"
  | "expr"
  | "asm";

/** One inline-asm operand: constraint string and expression. */
export interface AsmOperand {
  readonly constraint: string;
  readonly expr: Node;
  /** Symbolic name (`[name] "r"(x)`, referenced as `%[name]`). */
  readonly name?: string;
}

/** A tree node; which fields are set depends on `kind`. */
export interface Node {
  kind: NodeKind;
  type: CType;
  readonly tok: Token;
  lhs?: Node;
  rhs?: Node;
  cond?: Node;
  then?: Node;
  els?: Node;
  init?: Node;
  inc?: Node;
  body?: Node[];
  obj?: Obj;
  /** Integer value (num of integer type). */
  val?: bigint;
  /** Floating value (num of floating type). */
  fval?: number;
  /** Exact x87 80-bit encoding of a long double constant, when more precise than `fval`. */
  ext?: bigint;
  member?: Member;
  args?: Node[];
  funcType?: CType;
  /** Hidden temporary receiving a struct returned by value. */
  retBuf?: Obj;
  label?: string;
  brk?: string;
  cont?: string;
  cases?: Node[];
  defaultLabel?: string;
  /** case range lower/upper bound. */
  lo?: bigint;
  hi?: bigint;
  asmText?: string;
  outputs?: AsmOperand[];
  inputs?: AsmOperand[];
  clobbers?: string[];
}

/** A variable or function. */
export interface Obj {
  name: string;
  /** The assembler symbol (locals: none). */
  label: string;
  type: CType;
  isLocal: boolean;
  /** Frame offset from %ebp (locals and parameters). */
  offset: number;
  isStatic: boolean;
  isFunction: boolean;
  isDefinition: boolean;
  isTentative?: boolean;
  /** A function all of whose declarations say `inline` and none `extern` (C11 6.7.4p7). */
  inlineOnly?: boolean;
  align: number;
  // functions
  params?: Obj[];
  locals?: Obj[];
  body?: Node;
  /** Bytes of named parameters (va_start). */
  paramBytes?: number;
  /** Hidden struct-return pointer slot. */
  retPtr?: Obj;
  // initialized globals
  initData?: Uint8Array;
  relocs?: Reloc[];
  isUsed?: boolean;
  /** Register holding this local for the whole function (gen/regalloc.ts). */
  reg?: string;
}

/** A pointer inside initialized data: `label + addend` stored at `offset`. */
export interface Reloc {
  readonly offset: number;
  readonly label: string;
  readonly addend: number;
}
