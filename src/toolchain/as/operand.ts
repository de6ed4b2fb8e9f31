/**
 * AT&T operands: registers, immediates and memory references.
 *
 *   %eax           { kind: "reg" }            register (see REGISTERS)
 *   $expr          { kind: "imm" }            immediate
 *   seg:disp(base,index,scale)                memory; every part optional except that
 *                                             something must be present
 *   *op            indirect (branch through register or memory)
 *
 * A bare expression (`foo`, `0x10`) is a memory operand with only a displacement; for
 * direct jmp/call it is the branch target. `(expr)` with no register inside is a
 * parenthesized displacement. Errors throw LineError at the offending token.
 */

import { LineError } from "./errors.ts";
import { type Cursor, type Expr, type NameScope, parseExpr } from "./expr.ts";

/** Register classes. */
export type RegClass = "r8" | "r16" | "r32" | "seg" | "cr" | "dr" | "st";

/** A machine register. */
export interface Register {
  readonly name: string;
  readonly cls: RegClass;
  /** Encoding number (ModRM reg/rm field, or segment number). */
  readonly num: number;
}

const NAMES: Record<RegClass, readonly string[]> = {
  r8: ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"],
  r16: ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"],
  r32: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"],
  seg: ["es", "cs", "ss", "ds", "fs", "gs"],
  cr: ["cr0", "cr1", "cr2", "cr3", "cr4"],
  dr: ["db0", "db1", "db2", "db3", "db4", "db5", "db6", "db7"],
  st: ["st"],
};

/** Every register by name. */
export const REGISTERS: ReadonlyMap<string, Register> = new Map(
  (Object.entries(NAMES) as [RegClass, readonly string[]][]).flatMap(([cls, names]) =>
    names.map((name, num) => [name, { name, cls, num }] as [string, Register])
  ),
);

/** Size in bits of a general register class. */
export function regBits(r: Register): number {
  return r.cls === "r8" ? 8 : r.cls === "r16" ? 16 : 32;
}

/** A memory reference. */
export interface MemRef {
  readonly seg: Register | null;
  readonly disp: Expr | null;
  readonly base: Register | null;
  readonly index: Register | null;
  readonly scale: number;
}

/** A parsed operand. */
export type Operand =
  | { readonly kind: "reg"; readonly reg: Register; readonly indirect: boolean }
  | { readonly kind: "imm"; readonly expr: Expr }
  | { readonly kind: "mem"; readonly mem: MemRef; readonly indirect: boolean };

/** Looks up `%name`; throws LineError for unknown registers. */
export function register(c: Cursor): Register {
  const t = c.peek();
  if (!t || t.t !== "reg") throw new LineError("expected register", c.loc());
  const r = REGISTERS.get(t.v);
  if (!r) throw new LineError(`bad register name '%${t.v}'`, t.loc);
  c.i++;
  return r.cls === "st" ? stackRegister(c) : r;
}

/** `%st` or `%st(i)`, i in 0..7. */
function stackRegister(c: Cursor): Register {
  const n = c.peek(1);
  if (!c.eat("(")) return { name: "st", cls: "st", num: 0 };
  if (!n || n.t !== "num" || n.num > 7) throw new LineError("bad x87 register number", c.loc());
  c.i++;
  c.expect(")");
  return { name: `st(${n.num})`, cls: "st", num: n.num };
}

/** Parses one operand (the tokens up to the next top-level comma). */
export function parseOperand(c: Cursor, scope: NameScope): Operand {
  const indirect = c.eat("*");
  if (c.eat("$")) {
    if (indirect) throw new LineError("immediate operand cannot be indirect", c.loc());
    return { kind: "imm", expr: parseExpr(c, scope) };
  }
  const t = c.peek();
  if (t?.t === "reg") {
    const reg = register(c);
    if (!c.eat(":")) return { kind: "reg", reg, indirect };
    if (reg.cls !== "seg") throw new LineError(`'%${reg.name}' is not a segment register`, t.loc);
    return { kind: "mem", mem: parseMem(c, scope, reg), indirect };
  }
  return { kind: "mem", mem: parseMem(c, scope, null), indirect };
}

function startsAddress(c: Cursor): boolean {
  const t = c.peek();
  const n = c.peek(1);
  return t?.t === "punct" && t.v === "(" &&
    (n?.t === "reg" || (n?.t === "punct" && n.v === ","));
}

function parseMem(c: Cursor, scope: NameScope, seg: Register | null): MemRef {
  const loc = c.loc();
  let disp: Expr | null = null;
  if (!startsAddress(c)) disp = parseExpr(c, scope);
  let base: Register | null = null;
  let index: Register | null = null;
  let scale = 1;
  if (c.eat("(")) {
    if (c.peek()?.t === "reg") base = register(c);
    if (c.eat(",")) {
      if (c.peek()?.t === "reg") index = register(c);
      if (c.eat(",")) scale = scaleOf(c);
    }
    c.expect(")");
  }
  if (!disp && !base && !index) throw new LineError("bad memory operand", loc);
  return { seg, disp, base, index, scale };
}

function scaleOf(c: Cursor): number {
  const t = c.peek();
  if (!t || t.t !== "num" || ![1, 2, 4, 8].includes(t.num)) {
    throw new LineError("scale factor must be 1, 2, 4 or 8", c.loc());
  }
  c.i++;
  return t.num;
}
