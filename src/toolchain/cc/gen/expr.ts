/**
 * Expression code generation under the conventions of emitter.ts: loads,
 * stores, conversions, 32-bit, 64-bit and x87 arithmetic, comparisons,
 * bit-fields and calls (cdecl; struct return through a hidden pointer the
 * callee pops with `ret $4`).
 *
 * Cheap operands (constants, scalar variables) are used directly as
 * instruction operands instead of going through the stack.
 */
import { fail } from "../diag.ts";
import type { Node } from "../ast.ts";
import { type CType, isRecord } from "../types.ts";
import { cls, fsuffix, type Gen, loadInsn, storeInsn } from "./emitter.ts";

/** A memory/immediate operand for `n` if it is a cheap 32-bit operand. */
function operand(n: Node): string | undefined {
  if (n.kind === "num" && n.val !== undefined && cls(n.type) === "i") {
    return `$${BigInt.asIntN(32, n.val)}`;
  }
  if (n.kind === "var" && cls(n.type) === "i" && n.type.size === 4) return varOperand(n);
  return undefined;
}

function varOperand(n: Node, delta = 0): string {
  const o = n.obj!;
  if (o.isLocal) return `${o.offset + delta}(%ebp)`;
  return delta ? `${o.label}+${delta}` : o.label;
}

/** An x87 memory operand (`suffix operand`) for simple floating or int-variable operands. */
function floatOperand(
  g: Gen,
  n: Node,
): { insnSuffix: string; int: boolean; op: string } | undefined {
  if (n.kind === "var" && (n.type.kind === "float" || n.type.kind === "double")) {
    return { insnSuffix: fsuffix(n.type), int: false, op: varOperand(n) };
  }
  if (n.kind === "num" && n.fval !== undefined && n.type.kind !== "ldouble") {
    return { insnSuffix: "l", int: false, op: g.doubleConst(n.fval) };
  }
  const c = n.kind === "cast" ? n.lhs! : undefined;
  if (
    c?.kind === "var" && cls(c.type) === "i" && c.type.size === 4 && !c.type.unsigned &&
    n.type.kind !== "float"
  ) {
    return { insnSuffix: "l", int: true, op: varOperand(c) };
  }
  return undefined;
}

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
      if (t.kind === "ldouble") return g.emit(`fstpt (%ecx)`), g.emit(`fldt (%ecx)`);
      return g.emit(`fst${fsuffix(t)} (%ecx)`);
    case "s":
      copyBytes(g, t.size);
      return g.emit(`movl %ecx, %eax`);
  }
}

/** Copies `size` bytes from (%eax) to (%ecx) using %edx. */
function copyBytes(g: Gen, size: number): void {
  let i = 0;
  for (; i + 4 <= size; i += 4) g.emit(`movl ${i}(%eax), %edx`), g.emit(`movl %edx, ${i}(%ecx)`);
  for (; i < size; i++) g.emit(`movb ${i}(%eax), %dl`), g.emit(`movb %dl, ${i}(%ecx)`);
}

/** Pops an unused value (x87 values must not stay on the FPU stack). */
export function discard(g: Gen, t: CType): void {
  if (cls(t) === "f") g.emit(`fstp %st(0)`);
}

/** Jumps to `label` when the current value of type `t` is zero. */
export function jumpIfZero(g: Gen, t: CType, label: string): void {
  const c = cls(t);
  if (c === "f") {
    const skip = g.label();
    g.emit(`fldz`), g.emit(`fucomip %st(1), %st`), g.emit(`fstp %st(0)`);
    g.emit(`jp ${skip}`), g.emit(`je ${label}`);
    g.text.push(`${skip}:`);
    return;
  }
  if (c === "l") g.emit(`orl %edx, %eax`);
  else g.emit(`testl %eax, %eax`);
  g.emit(`je ${label}`);
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
      genAddr(g, n);
      return load(g, n.type);
    case "deref":
      genExpr(g, n.lhs!);
      return load(g, n.type);
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

/** Converts the current value from type `from` to type `to`. */
export function convert(g: Gen, from: CType, to: CType): void {
  const [a, b] = [cls(from), cls(to)];
  if (b === "v") return discard(g, from);
  if (a === "s" || b === "s") return;
  if (to.kind === "bool") return toBool(g, from);
  if (a === "f") return b === "f" ? roundTo(g, to) : fromFloat(g, to);
  if (b === "f") {
    if (a === "i" && !from.unsigned) {
      g.emit(`pushl %eax`), g.emit(`fildl (%esp)`), g.emit(`addl $4, %esp`);
      return to.kind === "float" && from.size === 4 ? roundTo(g, to) : undefined;
    }
    if (a === "l") g.emit(`pushl %edx`);
    else g.emit(`pushl $0`);
    g.emit(`pushl %eax`), g.emit(`fildll (%esp)`), g.emit(`addl $8, %esp`);
    if (a === "i" && to.kind !== "float") return; // unsigned int → double is exact
    if (a === "l" && from.unsigned) {
      const skip = g.label();
      g.emit(`testl %edx, %edx`), g.emit(`jns ${skip}`);
      g.emit(`fadds ${g.twoPow64()}`);
      g.text.push(`${skip}:`);
    }
    return roundTo(g, to);
  }
  if (b === "l") {
    if (a === "i") g.emit(from.unsigned ? `xorl %edx, %edx` : `cltd`);
    return;
  }
  narrow(g, to);
}

function narrow(g: Gen, to: CType): void {
  if (to.size === 1) g.emit(to.unsigned ? `movzbl %al, %eax` : `movsbl %al, %eax`);
  else if (to.size === 2) g.emit(to.unsigned ? `movzwl %ax, %eax` : `movswl %ax, %eax`);
}

function toBool(g: Gen, from: CType): void {
  const c = cls(from);
  if (c === "f") {
    g.emit(`fldz`), g.emit(`fucomip %st(1), %st`), g.emit(`fstp %st(0)`);
    g.emit(`setne %al`), g.emit(`setp %cl`), g.emit(`orb %cl, %al`);
  } else {
    if (c === "l") g.emit(`orl %edx, %eax`);
    g.emit(`testl %eax, %eax`), g.emit(`setne %al`);
  }
  g.emit(`movzbl %al, %eax`);
}

function roundTo(g: Gen, to: CType): void {
  if (to.kind === "ldouble") return;
  const size = to.kind === "float" ? 4 : 8;
  g.emit(`subl $${size}, %esp`), g.emit(`fstp${fsuffix(to)} (%esp)`);
  g.emit(`fld${fsuffix(to)} (%esp)`), g.emit(`addl $${size}, %esp`);
}

/** Truncating float → integer conversion via a temporary control word. */
function fromFloat(g: Gen, to: CType): void {
  g.emit(`subl $16, %esp`);
  g.emit(`fnstcw (%esp)`), g.emit(`movw (%esp), %ax`), g.emit(`orw $0xc00, %ax`);
  g.emit(`movw %ax, 2(%esp)`), g.emit(`fldcw 2(%esp)`);
  g.emit(`fistpll 4(%esp)`), g.emit(`fldcw (%esp)`);
  g.emit(`movl 4(%esp), %eax`), g.emit(`movl 8(%esp), %edx`), g.emit(`addl $16, %esp`);
  if (cls(to) === "i") narrow(g, to);
}

function loadBitfield(g: Gen, n: Node): void {
  const m = n.member!;
  genAddr(g, n);
  g.emit(`${loadInsn({ ...m.type, unsigned: true })} (%eax), %eax`);
  const left = 32 - m.bitOffset! - m.bitWidth!;
  if (left) g.emit(`shll $${left}, %eax`);
  if (32 - m.bitWidth!) g.emit(`${m.type.unsigned ? "shrl" : "sarl"} $${32 - m.bitWidth!}, %eax`);
}

function genAssign(g: Gen, n: Node): void {
  const lhs = n.lhs!;
  const c = cls(n.type);
  if (lhs.kind === "member" && lhs.member!.bitWidth !== undefined) return storeBitfield(g, n);
  if (lhs.kind === "var" && c !== "s") {
    const op = varOperand(lhs);
    const imm = operand(n.rhs!);
    if (c === "i" && imm?.startsWith("$")) {
      g.emit(`${storeInsn(n.type).replace(/ %.*/, "")} ${imm}, ${op}`);
      return g.emit(`movl ${imm}, %eax`);
    }
    genExpr(g, n.rhs!);
    if (c === "i") return g.emit(`${storeInsn(n.type)}, ${op}`);
    if (c === "l") return g.emit(`movl %eax, ${op}`), g.emit(`movl %edx, ${varOperand(lhs, 4)}`);
    if (n.type.kind !== "ldouble") return g.emit(`fst${fsuffix(n.type)} ${op}`);
    g.emit(`leal ${op}, %ecx`);
    return store(g, n.type);
  }
  genAddr(g, lhs);
  const imm = c === "i" ? operand(n.rhs!) : undefined;
  if (imm?.startsWith("$")) {
    g.emit(`${storeInsn(n.type).replace(/ %.*/, "")} ${imm}, (%eax)`);
    return g.emit(`movl ${imm}, %eax`);
  }
  if (c === "i" || c === "l" || c === "f" || c === "s") {
    const into = c === "i" || c === "s" ? simpleInto(g, n.rhs!, "%edx") : false;
    if (into) {
      g.emit(`movl %eax, %ecx`), g.emit(`movl %edx, %eax`);
      return store(g, n.type);
    }
  }
  g.pushTemp();
  genExpr(g, n.rhs!);
  g.popTemp("%ecx");
  store(g, n.type);
}

/** Assignment whose value is unused: `x = e`, `x op= e` on scalar variables without reloading. */
export function genEffect(g: Gen, n: Node): void {
  if (n.kind === "comma" && n.els) return genEffect(g, n.els);
  if (n.kind === "comma") {
    genEffect(g, n.lhs!);
    return genEffect(g, n.rhs!);
  }
  if (n.kind === "assign" && n.lhs!.kind === "var" && cls(n.type) === "i") {
    const imm = operand(n.rhs!);
    if (imm?.startsWith("$")) {
      return g.emit(`${storeInsn(n.type).replace(/ %.*/, "")} ${imm}, ${varOperand(n.lhs!)}`);
    }
  }
  if (n.kind === "assign" && n.lhs!.kind === "var" && cls(n.type) === "i" && n.type.size === 4) {
    const r = n.rhs!;
    const op = varOperand(n.lhs!);
    const same = (x: Node | undefined) => x?.kind === "var" && x.obj === n.lhs!.obj;
    const insn =
      { add: "addl", sub: "subl", band: "andl", bor: "orl", bxor: "xorl" }[r.kind as "add"];
    if (insn && same(r.lhs) && cls(r.type) === "i") {
      const imm = operand(r.rhs!);
      if (imm?.startsWith("$")) return g.emit(`${insn} ${imm}, ${op}`);
      genExpr(g, r.rhs!);
      return g.emit(`${insn} %eax, ${op}`);
    }
  }
  genExpr(g, n);
  discard(g, n.type);
}

function storeBitfield(g: Gen, n: Node): void {
  const m = n.lhs!.member!;
  genAddr(g, n.lhs!);
  g.pushTemp();
  genExpr(g, n.rhs!);
  g.popTemp("%ecx");
  const mask = m.bitWidth! === 32 ? 0xffffffff : (1 << m.bitWidth!) - 1;
  const utype = { ...m.type, unsigned: true };
  g.emit(`pushl %eax`), g.emit(`andl $${mask | 0}, %eax`);
  if (m.bitOffset) g.emit(`shll $${m.bitOffset}, %eax`);
  g.emit(`${loadInsn(utype)} (%ecx), %edx`);
  g.emit(`andl $${~(mask << m.bitOffset!) | 0}, %edx`), g.emit(`orl %eax, %edx`);
  g.emit(
    m.type.size === 1
      ? `movb %dl, (%ecx)`
      : m.type.size === 2
      ? `movw %dx, (%ecx)`
      : `movl %edx, (%ecx)`,
  );
  g.emit(`popl %eax`);
  const sh = 32 - m.bitWidth!;
  if (sh) g.emit(`shll $${sh}, %eax`), g.emit(`${m.type.unsigned ? "shrl" : "sarl"} $${sh}, %eax`);
}

const SETCC: Record<string, [string, string]> = {
  eq: ["sete", "sete"],
  ne: ["setne", "setne"],
  lt: ["setl", "setb"],
  le: ["setle", "setbe"],
  gt: ["setg", "seta"],
  ge: ["setge", "setae"],
};

/**
 * Evaluates both operands of an int-class binary node: lhs ends in %eax and
 * the returned operand (immediate, memory or %ecx) holds rhs. Nested
 * temporaries live in %ebx/%esi/%edi (Gen.pushTemp) before spilling.
 */
function operands(g: Gen, n: Node, swappable = false): string {
  genExpr(g, n.lhs!);
  const rhs = operand(n.rhs!);
  if (rhs) return rhs;
  if (simpleInto(g, n.rhs!, "%ecx")) return "%ecx";
  g.pushTemp();
  genExpr(g, n.rhs!);
  if (swappable) return `swap:${g.takeTemp()}`; // lhs in that register, rhs in %eax
  g.emit(`movl %eax, %ecx`);
  g.popTemp("%eax");
  return "%ecx";
}

const COMMUTATIVE: Record<string, string> = {
  add: "addl",
  mul: "imull",
  band: "andl",
  bor: "orl",
  bxor: "xorl",
};

/**
 * Computes cheap expressions straight into `reg` (never touching %eax):
 * variables, constants, `var * const`, `*var`. Returns false otherwise.
 */
function simpleInto(g: Gen, n: Node, reg: string): boolean {
  if (cls(n.type) !== "i") return false;
  const op = operand(n);
  if (op) return g.emit(`movl ${op}, ${reg}`), true;
  if (n.kind === "var") return g.emit(`${loadInsn(n.type)} ${varOperand(n)}, ${reg}`), true;
  if (
    n.kind === "cast" && cls(n.lhs!.type) === "i" && n.type.size === 4 && n.lhs!.type.size === 4
  ) {
    return simpleInto(g, n.lhs!, reg);
  }
  if (n.kind === "mul" && n.rhs!.kind === "num" && operand(n.lhs!)?.includes("(") !== undefined) {
    const src = operand(n.lhs!);
    if (src && !src.startsWith("$")) {
      return g.emit(`imull ${operand(n.rhs!)}, ${src}, ${reg}`), true;
    }
  }
  if (n.kind === "deref" && n.lhs!.kind === "var" && operand(n.lhs!)) {
    g.emit(`movl ${operand(n.lhs!)}, ${reg}`);
    return g.emit(`${loadInsn(n.type)} (${reg}), ${reg}`), true;
  }
  return false;
}

const JCC: Record<string, [string, string]> = {
  eq: ["je", "je"],
  ne: ["jne", "jne"],
  lt: ["jl", "jb"],
  le: ["jle", "jbe"],
  gt: ["jg", "ja"],
  ge: ["jge", "jae"],
};
const INVERSE: Record<string, string> = {
  eq: "ne",
  ne: "eq",
  lt: "ge",
  ge: "lt",
  le: "gt",
  gt: "le",
};

/** Jumps to `label` when condition `n` is false (fused compare-and-branch where possible). */
export function branchFalse(g: Gen, n: Node, label: string): void {
  branch(g, n, label, false);
}

/** Jumps to `label` when condition `n` is true. */
export function branchTrue(g: Gen, n: Node, label: string): void {
  branch(g, n, label, true);
}

function branch(g: Gen, n: Node, label: string, when: boolean): void {
  if (n.kind === "num" && n.val !== undefined) {
    if ((n.val !== 0n) === when) g.emit(`jmp ${label}`);
    return;
  }
  if (n.kind === "not") return branch(g, n.lhs!, label, !when);
  if (n.kind === "logand" || n.kind === "logor") {
    if ((n.kind === "logand") !== when) {
      branch(g, n.lhs!, label, when);
      return branch(g, n.rhs!, label, when);
    }
    const skip = g.label();
    branch(g, n.lhs!, skip, !when);
    branch(g, n.rhs!, label, when);
    g.text.push(`${skip}:`);
    return;
  }
  if (n.kind in JCC && cls(n.lhs!.type) === "i") {
    const imm = operand(n.rhs!);
    const lhsMem = n.lhs!.kind === "var" ? operand(n.lhs!) : undefined;
    if (imm?.startsWith("$") && lhsMem) g.emit(`cmpl ${imm}, ${lhsMem}`);
    else {
      const rhs = operands(g, n, true);
      g.emit(rhs.startsWith("swap:") ? `cmpl %eax, ${rhs.slice(5)}` : `cmpl ${rhs}, %eax`);
    }
    const kind = when ? n.kind : INVERSE[n.kind];
    return g.emit(`${JCC[kind][n.lhs!.type.unsigned ? 1 : 0]} ${label}`);
  }
  genExpr(g, n);
  if (when) {
    const skip = g.label();
    jumpIfZero(g, n.type, skip);
    g.emit(`jmp ${label}`);
    g.text.push(`${skip}:`);
  } else jumpIfZero(g, n.type, label);
}

function genBinary(g: Gen, n: Node): void {
  const c = cls(n.lhs!.type);
  if (c === "f") return floatBinary(g, n);
  if (c === "l") return longBinary(g, n);
  const u = n.lhs!.type.unsigned;
  let rhs = operands(g, n, true);
  if (rhs.startsWith("swap:")) {
    const reg = rhs.slice(5);
    if (n.kind in COMMUTATIVE) return g.emit(`${COMMUTATIVE[n.kind]} ${reg}, %eax`);
    if (n.kind in SETCC) {
      g.emit(`cmpl %eax, ${reg}`), g.emit(`${SETCC[n.kind][u ? 1 : 0]} %al`);
      return g.emit(`movzbl %al, %eax`);
    }
    g.emit(`movl %eax, %ecx`), g.emit(`movl ${reg}, %eax`);
    rhs = "%ecx";
  }
  switch (n.kind) {
    case "add":
      return g.emit(`addl ${rhs}, %eax`);
    case "sub":
      return g.emit(`subl ${rhs}, %eax`);
    case "mul":
      return g.emit(`imull ${rhs}, %eax`);
    case "band":
      return g.emit(`andl ${rhs}, %eax`);
    case "bor":
      return g.emit(`orl ${rhs}, %eax`);
    case "bxor":
      return g.emit(`xorl ${rhs}, %eax`);
    case "div":
    case "mod":
      if (rhs !== "%ecx") g.emit(`movl ${rhs}, %ecx`);
      g.emit(u ? `xorl %edx, %edx` : `cltd`), g.emit(`${u ? "divl" : "idivl"} %ecx`);
      if (n.kind === "mod") g.emit(`movl %edx, %eax`);
      return;
    case "shl":
    case "shr": {
      const insn = n.kind === "shl" ? "shll" : u ? "shrl" : "sarl";
      if (rhs.startsWith("$")) return g.emit(`${insn} ${rhs}, %eax`);
      if (rhs !== "%ecx") g.emit(`movl ${rhs}, %ecx`);
      return g.emit(`${insn} %cl, %eax`);
    }
    default:
      g.emit(`cmpl ${rhs}, %eax`),
        g.emit(`${SETCC[n.kind][u ? 1 : 0]} %al`),
        g.emit(`movzbl %al, %eax`);
  }
}

/** 64-bit operations: rhs is kept on the stack at (%esp), lhs in %edx:%eax. */
function longBinary(g: Gen, n: Node): void {
  genExpr(g, n.lhs!);
  g.push("%edx"), g.push("%eax");
  genExpr(g, n.rhs!);
  if (cls(n.rhs!.type) !== "l") g.emit(`xorl %edx, %edx`); // shift counts
  if (!["add", "band", "bor", "bxor", "mul", "eq", "ne"].includes(n.kind)) {
    // swap: lhs into %edx:%eax, rhs onto the stack (plain moves; xchg with memory is locked)
    g.emit(`movl %eax, %ecx`), g.emit(`movl (%esp), %eax`), g.emit(`movl %ecx, (%esp)`);
    g.emit(`movl %edx, %ecx`), g.emit(`movl 4(%esp), %edx`), g.emit(`movl %ecx, 4(%esp)`);
  }
  const u = n.lhs!.type.unsigned;
  const two = (a: string, b: string) => (g.emit(`${a} (%esp), %eax`), g.emit(`${b} 4(%esp), %edx`));
  switch (n.kind) {
    case "add":
      two("addl", "adcl");
      break;
    case "sub":
      two("subl", "sbbl");
      break;
    case "band":
      two("andl", "andl");
      break;
    case "bor":
      two("orl", "orl");
      break;
    case "bxor":
      two("xorl", "xorl");
      break;
    case "mul":
      g.emit(`movl 4(%esp), %ecx`), g.emit(`imull %eax, %ecx`), g.emit(`imull (%esp), %edx`);
      g.emit(`addl %edx, %ecx`), g.emit(`mull (%esp)`), g.emit(`addl %ecx, %edx`);
      break;
    case "div":
    case "mod": {
      const fn = `__${u ? "u" : ""}${n.kind === "div" ? "div" : "mod"}di3`;
      g.push("%edx"), g.push("%eax");
      g.emit(`call ${fn}`);
      g.free(8);
      break;
    }
    case "shl":
    case "shr": {
      const l = g.label();
      g.emit(`movl (%esp), %ecx`);
      if (n.kind === "shl") {
        g.emit(`shldl %cl, %eax, %edx`), g.emit(`shll %cl, %eax`), g.emit(`testb $32, %cl`);
        g.emit(`je ${l}`), g.emit(`movl %eax, %edx`), g.emit(`xorl %eax, %eax`);
      } else {
        g.emit(`shrdl %cl, %edx, %eax`), g.emit(`${u ? "shrl" : "sarl"} %cl, %edx`);
        g.emit(`testb $32, %cl`), g.emit(`je ${l}`), g.emit(`movl %edx, %eax`);
        g.emit(u ? `xorl %edx, %edx` : `sarl $31, %edx`);
      }
      g.text.push(`${l}:`);
      break;
    }
    case "eq":
    case "ne":
      two("xorl", "xorl");
      g.emit(`orl %edx, %eax`),
        g.emit(`${n.kind === "eq" ? "sete" : "setne"} %al`),
        g.emit(`movzbl %al, %eax`);
      break;
    default: {
      if (n.kind === "gt" || n.kind === "le") {
        g.emit(`movl (%esp), %ecx`), g.emit(`cmpl %eax, %ecx`);
        g.emit(`movl 4(%esp), %ecx`), g.emit(`sbbl %edx, %ecx`);
      } else two("cmpl", "sbbl");
      const lt = n.kind === "lt" || n.kind === "gt";
      g.emit(`${lt ? (u ? "setb" : "setl") : (u ? "setae" : "setge")} %al`),
        g.emit(`movzbl %al, %eax`);
    }
  }
  g.free(8);
}

const FOPS: Record<string, [string, string]> = {
  add: ["fadd", "fadd"],
  sub: ["fsub", "fsubr"],
  mul: ["fmul", "fmul"],
  div: ["fdiv", "fdivr"],
};

function floatBinary(g: Gen, n: Node): void {
  const arith = FOPS[n.kind];
  const r = floatOperand(g, n.rhs!);
  const l = arith && !r ? floatOperand(g, n.lhs!) : undefined;
  if (arith && (r || l)) {
    // st(0) op memory: lhs op rhs, or (lhs simple) rhs reverse-op lhs
    const m = (r ?? l)!;
    genExpr(g, r ? n.lhs! : n.rhs!);
    const base = arith[r ? 0 : 1];
    return g.emit(`${m.int ? base.replace(/^f/, "fi") : base}${m.insnSuffix} ${m.op}`);
  }
  genExpr(g, n.lhs!);
  if (r && !r.int) {
    g.emit(`fld${r.insnSuffix} ${r.op}`), g.emit(`fxch %st(1)`);
  } else {
    g.alloc(12);
    g.emit(`fstpt (%esp)`);
    genExpr(g, n.rhs!);
    g.emit(`fldt (%esp)`);
    g.free(12);
  }
  switch (n.kind) {
    case "add":
      return g.emit(`faddp`);
    case "sub":
      return g.emit(`fsubp`);
    case "mul":
      return g.emit(`fmulp`);
    case "div":
      return g.emit(`fdivp`);
  }
  if (n.kind === "lt" || n.kind === "le") g.emit(`fxch %st(1)`);
  g.emit(`fucomip %st(1), %st`), g.emit(`fstp %st(0)`);
  switch (n.kind) {
    case "eq":
      g.emit(`sete %al`), g.emit(`setnp %cl`), g.emit(`andb %cl, %al`);
      break;
    case "ne":
      g.emit(`setne %al`), g.emit(`setp %cl`), g.emit(`orb %cl, %al`);
      break;
    case "lt":
    case "gt":
      g.emit(`seta %al`);
      break;
    default:
      g.emit(`setae %al`);
  }
  g.emit(`movzbl %al, %eax`);
}

function genCall(g: Gen, n: Node): void {
  const args = n.args!;
  const hidden = n.retBuf ? 4 : 0;
  const sizes = args.map((a) => Math.ceil(a.type.size / 4) * 4);
  const argBytes = hidden + sizes.reduce((a, b) => a + b, 0);
  const pad = (16 - ((g.depth + argBytes) % 16)) % 16;
  g.alloc(pad + argBytes);
  const offs: number[] = [];
  sizes.reduce((off, size, i) => (offs[i] = off, off + size), hidden);
  for (let i = args.length - 1; i >= 0; i--) { // right to left, as gcc does
    genExpr(g, args[i]);
    storeArg(g, args[i].type, offs[i]);
  }
  if (n.retBuf) g.emit(`leal ${n.retBuf.offset}(%ebp), %eax`), g.emit(`movl %eax, (%esp)`);
  const fn = n.lhs!;
  const direct = fn.kind === "cast" && fn.lhs!.kind === "var" && fn.lhs!.type.kind === "func";
  if (direct) g.emit(`call ${fn.lhs!.obj!.label}`);
  else {
    genExpr(g, fn);
    g.emit(`call *%eax`);
  }
  g.emit(`addl $${pad + argBytes - hidden}, %esp`);
  g.depth -= pad + argBytes;
  const rt = n.type;
  if (n.retBuf) g.emit(`leal ${n.retBuf.offset}(%ebp), %eax`);
  else if (rt.kind === "bool") g.emit(`movzbl %al, %eax`);
  else if (cls(rt) === "i" && rt.size < 4) narrow(g, rt);
}

function storeArg(g: Gen, t: CType, off: number): void {
  switch (cls(t)) {
    case "i":
      return g.emit(`movl %eax, ${off}(%esp)`);
    case "l":
      return g.emit(`movl %eax, ${off}(%esp)`), g.emit(`movl %edx, ${off + 4}(%esp)`);
    case "f":
      return g.emit(`fstp${fsuffix(t)} ${off}(%esp)`);
    case "s":
      if (!isRecord(t)) return g.emit(`movl %eax, ${off}(%esp)`);
      g.emit(`leal ${off}(%esp), %ecx`);
      return copyBytes(g, t.size);
  }
}
