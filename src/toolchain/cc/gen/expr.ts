/**
 * Expression code generation under the conventions of emitter.ts: the
 * dispatch over node kinds, addresses of lvalues, loads and stores by type,
 * struct copies, constants, negation and && / || values. Arithmetic, calls,
 * assignments, conversions and conditions live in their own files.
 */
import type { Node } from "../ast.ts";
import { fail } from "../diag.ts";
import type { CType } from "../types.ts";
import { genBinary } from "./arith.ts";
import { genAssign, loadBitfield } from "./assign.ts";
import { branchFalse, jumpIfZero } from "./branch.ts";
import { genCall } from "./call.ts";
import { convert } from "./convert.ts";
import { cls, fsuffix, type Gen, loadInsn, storeInsn } from "./emitter.ts";
import { hasMemOperand, memOperand, varOperand } from "./operands.ts";
import { genStmt } from "./stmt.ts";

/** Computes the address of lvalue (or struct-valued) `n` into %eax. */
export function genAddr(g: Gen, n: Node): void {
  switch (n.kind) {
    case "var":
      if (n.obj!.isLocal) g.emit(`leal ${n.obj!.offset}(%ebp), %eax`);
      else g.emit(`movl $${n.obj!.label}, %eax`);
      return;
    case "deref":
      return genExpr(g, n.lhs!);
    case "member":
      genAddr(g, n.lhs!);
      if (n.member!.offset) g.emit(`addl $${n.member!.offset}, %eax`);
      return;
    case "comma":
      genExpr(g, n.lhs!);
      discard(g, n.lhs!.type);
      return genAddr(g, n.rhs!);
    default:
      if (cls(n.type) === "s") return genExpr(g, n);
      fail(n.tok.loc, "not an lvalue");
  }
}

/** `x++`/`x--` on an integer or pointer lvalue: old value to %eax, step added in place. */
function genPostInc(g: Gen, n: Node): void {
  const lv = n.lhs!;
  let op: string;
  if (lv.kind === "var") op = varOperand(lv);
  else if (hasMemOperand(lv)) op = memOperand(g, lv)!;
  else {
    genAddr(g, lv);
    g.emit(`movl %eax, %ecx`);
    op = "(%ecx)";
  }
  const sfx = n.type.size === 1 ? "b" : n.type.size === 2 ? "w" : "l";
  g.emit(`${loadInsn(n.type)} ${op}, %eax`);
  g.emit(`add${sfx} $${BigInt.asIntN(n.type.size * 8, n.val!)}, ${op}`);
}

/** Loads a scalar lvalue straight from its memory operand when it has one (see memOperand). */
function loadDirect(g: Gen, n: Node): boolean {
  const c = cls(n.type);
  if (c === "s" || c === "v" || !hasMemOperand(n)) return false;
  const m = memOperand(g, n)!;
  if (c === "i") g.emit(`${loadInsn(n.type)} ${m}, %eax`);
  else if (c === "f") g.emit(`fld${fsuffix(n.type)} ${m}`);
  else g.emit(`movl ${memOperand(g, n, 4)}, %edx`), g.emit(`movl ${m}, %eax`);
  return true;
}

/** Loads a value of type `t` from the address in %eax. */
export function load(g: Gen, t: CType): void {
  switch (cls(t)) {
    case "i":
      return g.emit(`${loadInsn(t)} (%eax), %eax`);
    case "l":
      return g.emit(`movl 4(%eax), %edx`), g.emit(`movl (%eax), %eax`);
    case "f":
      return g.emit(`fld${fsuffix(t)} (%eax)`);
  }
}

/** Stores the current value of type `t` to the address in %ecx; the value stays current. */
export function store(g: Gen, t: CType): void {
  switch (cls(t)) {
    case "i":
      return g.emit(`${storeInsn(t)}, (%ecx)`);
    case "l":
      return g.emit(`movl %eax, (%ecx)`), g.emit(`movl %edx, 4(%ecx)`);
    case "f":
      // the value of an assignment is the stored (rounded) value: store, then reload
      return g.emit(`fstp${fsuffix(t)} (%ecx)`), g.emit(`fld${fsuffix(t)} (%ecx)`);
    case "s":
      copyBytes(g, t.size);
      return g.emit(`movl %ecx, %eax`);
  }
}

/** Copies `size` bytes from (%eax) to (%ecx) using %edx. */
export function copyBytes(g: Gen, size: number): void {
  let i = 0;
  for (; i + 4 <= size; i += 4) g.emit(`movl ${i}(%eax), %edx`), g.emit(`movl %edx, ${i}(%ecx)`);
  for (; i < size; i++) g.emit(`movb ${i}(%eax), %dl`), g.emit(`movb %dl, ${i}(%ecx)`);
}

/** Pops an unused value (x87 values must not stay on the FPU stack). */
export function discard(g: Gen, t: CType): void {
  if (cls(t) !== "f") return;
  const last = g.text[g.text.length - 1];
  if (/^\tfld[slt]? [^%]/.test(last) || last === "\tfldz" || last === "\tfld1") g.text.pop(); // load then pop: drop both
  else g.emit(`fstp %st(0)`);
}

/** Generates code leaving the value of `n` current. */
export function genExpr(g: Gen, n: Node): void {
  switch (n.kind) {
    case "num":
      return genNum(g, n);
    case "var": {
      const c = cls(n.type);
      if (c === "i") return g.emit(`${loadInsn(n.type)} ${varOperand(n)}, %eax`);
      if (c === "l") {
        return g.emit(`movl ${varOperand(n, 4)}, %edx`), g.emit(`movl ${varOperand(n)}, %eax`);
      }
      if (c === "f") return g.emit(`fld${fsuffix(n.type)} ${varOperand(n)}`);
      genAddr(g, n);
      return load(g, n.type);
    }
    case "member":
      if (n.member!.bitWidth !== undefined) return loadBitfield(g, n);
      if (loadDirect(g, n)) return;
      genAddr(g, n);
      return load(g, n.type);
    case "deref":
      if (loadDirect(g, n)) return;
      genExpr(g, n.lhs!);
      return load(g, n.type);
    case "postinc":
      return genPostInc(g, n);
    case "stmtexpr": {
      const body = n.body!;
      body.slice(0, -1).forEach((st) => genStmt(g, st));
      const last = body[body.length - 1];
      if (last?.kind === "expr" && last.rhs && n.type.kind !== "void") {
        genExpr(g, last.rhs);
        return convert(g, last.rhs.type, n.type);
      }
      if (last) genStmt(g, last);
      return;
    }
    case "addr":
      return genAddr(g, n.lhs!);
    case "cast":
      genExpr(g, n.lhs!);
      return convert(g, n.lhs!.type, n.type);
    case "assign":
      return genAssign(g, n);
    case "comma":
      genExpr(g, n.lhs!);
      discard(g, n.lhs!.type);
      return genExpr(g, n.rhs!);
    case "cond": {
      const [els, end] = [g.label(), g.label()];
      branchFalse(g, n.cond!, els);
      genExpr(g, n.then!);
      g.emit(`jmp ${end}`);
      g.text.push(`${els}:`);
      genExpr(g, n.els!);
      g.text.push(`${end}:`);
      return;
    }
    case "not": {
      genExpr(g, n.lhs!);
      const [f, end] = [g.label(), g.label()];
      jumpIfZero(g, n.lhs!.type, f);
      g.emit(`xorl %eax, %eax`), g.emit(`jmp ${end}`);
      g.text.push(`${f}:`), g.emit(`movl $1, %eax`), g.text.push(`${end}:`);
      return;
    }
    case "logand":
    case "logor":
      return genLogical(g, n);
    case "neg":
      return genNeg(g, n);
    case "bitnot":
      genExpr(g, n.lhs!);
      g.emit(`notl %eax`);
      if (cls(n.type) === "l") g.emit(`notl %edx`);
      return;
    case "call":
      return genCall(g, n);
    case "memzero": {
      const o = n.obj!;
      g.emit(`pushl %edi`), g.emit(`leal ${o.offset}(%ebp), %edi`), g.emit(`xorl %eax, %eax`);
      g.emit(`movl $${o.type.size}, %ecx`), g.emit(`rep stosb`), g.emit(`popl %edi`);
      return;
    }
    case "va_start":
      return g.emit(`leal ${8 + g.fn!.paramBytes!}(%ebp), %eax`);
    case "trap":
      return g.emit(`ud2`);
    case "nop":
      return;
    default:
      return genBinary(g, n);
  }
}

function genNum(g: Gen, n: Node): void {
  if (n.fval !== undefined) {
    if (Object.is(n.fval, 0)) return g.emit(`fldz`);
    if (n.fval === 1) return g.emit(`fld1`);
    if (n.ext !== undefined) return g.emit(`fldt ${g.extendedConst(n.ext)}`);
    return g.emit(`fldl ${g.doubleConst(n.fval)}`);
  }
  const v = BigInt.asUintN(64, n.val!);
  g.emit(`movl $${BigInt.asIntN(32, v)}, %eax`);
  if (cls(n.type) === "l") g.emit(`movl $${BigInt.asIntN(32, v >> 32n)}, %edx`);
}

function genNeg(g: Gen, n: Node): void {
  genExpr(g, n.lhs!);
  const c = cls(n.type);
  if (c === "f") return g.emit(`fchs`);
  g.emit(`negl %eax`);
  if (c === "l") g.emit(`adcl $0, %edx`), g.emit(`negl %edx`);
}

function genLogical(g: Gen, n: Node): void {
  const [short, end] = [g.label(), g.label()];
  const and = n.kind === "logand";
  genExpr(g, n.lhs!);
  if (and) jumpIfZero(g, n.lhs!.type, short);
  else {
    const next = g.label();
    jumpIfZero(g, n.lhs!.type, next);
    g.emit(`jmp ${short}`);
    g.text.push(`${next}:`);
  }
  genExpr(g, n.rhs!);
  if (and) jumpIfZero(g, n.rhs!.type, short);
  else {
    const f = g.label();
    jumpIfZero(g, n.rhs!.type, f);
    g.emit(`jmp ${short}`);
    g.text.push(`${f}:`);
  }
  g.emit(`movl $${and ? 1 : 0}, %eax`), g.emit(`jmp ${end}`);
  g.text.push(`${short}:`), g.emit(`movl $${and ? 0 : 1}, %eax`), g.text.push(`${end}:`);
}
