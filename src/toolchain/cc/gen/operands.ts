/**
 * Operand selection for the code generator: which subexpressions can be used
 * directly as instruction operands (immediates, variables in memory, x87
 * memory operands) or computed straight into a scratch register, and the
 * evaluation of both operands of an integer binary node.
 */
import type { Node } from "../ast.ts";
import { cls, fsuffix, type Gen, loadInsn } from "./emitter.ts";
import { genExpr } from "./expr.ts";

/** A memory/immediate operand for `n` if it is a cheap 32-bit operand. */
export function operand(n: Node): string | undefined {
  if (n.kind === "num" && n.val !== undefined && cls(n.type) === "i") {
    return `$${BigInt.asIntN(32, n.val)}`;
  }
  if (n.kind === "var" && cls(n.type) === "i" && n.type.size === 4) return varOperand(n);
  return undefined;
}

/** The operand naming variable `n` (+`delta` bytes): a register, `off(%ebp)` or a symbol. */
export function varOperand(n: Node, delta = 0): string {
  const o = n.obj!;
  if (o.reg) return o.reg;
  if (o.isLocal) return `${o.offset + delta}(%ebp)`;
  return delta ? `${o.label}+${delta}` : o.label;
}

/** An x87 memory operand (`suffix operand`) for simple floating or int-variable operands. */
export function floatOperand(
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
    n.type.kind !== "float" && !c.obj!.reg
  ) {
    return { insnSuffix: "l", int: true, op: varOperand(c) };
  }
  return undefined;
}

/**
 * Evaluates both operands of an int-class binary node: lhs ends in %eax and
 * the returned operand (immediate, memory or %ecx) holds rhs. Nested
 * temporaries live in %ebx/%esi/%edi (Gen.pushTemp) before spilling.
 */
export function operands(g: Gen, n: Node, swappable = false): string {
  genExpr(g, n.lhs!);
  const rhs = operand(n.rhs!);
  if (rhs) return rhs;
  if (cls(n.rhs!.type) === "i" && n.rhs!.type.size === 4 && hasMemOperand(n.rhs!)) {
    return memOperand(g, n.rhs!)!;
  }
  if (simpleInto(g, n.rhs!, "%ecx")) return "%ecx";
  g.pushTemp();
  genExpr(g, n.rhs!);
  if (swappable) return `swap:${g.takeTemp()}`; // lhs in that register, rhs in %eax
  g.emit(`movl %eax, %ecx`);
  g.popTemp("%eax");
  return "%ecx";
}

/**
 * Computes cheap expressions straight into `reg` (never touching %eax):
 * variables, constants, `var * const`, `*var`. Returns false otherwise.
 */
export function simpleInto(g: Gen, n: Node, reg: string): boolean {
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

/** Where an lvalue lives, when that needs no code beyond loading one pointer variable. */
type MemParts =
  | { kind: "frame"; off: number }
  | { kind: "sym"; label: string; off: number }
  | { kind: "ptr"; ptr: Node; off: number };

function memParts(n: Node): MemParts | undefined {
  switch (n.kind) {
    case "var":
      if (n.obj!.reg) return undefined;
      return n.obj!.isLocal
        ? { kind: "frame", off: n.obj!.offset }
        : { kind: "sym", label: n.obj!.label, off: 0 };
    case "member": {
      if (n.member!.bitWidth !== undefined) return undefined;
      const inner = memParts(n.lhs!);
      return inner && { ...inner, off: inner.off + n.member!.offset };
    }
    case "deref":
      return pointerParts(n.lhs!, 0);
  }
  return undefined;
}

/** Address expression `p` (+`off`) as MemParts: pointer variables, arrays, constant displacements. */
function pointerParts(p: Node, off: number): MemParts | undefined {
  if (p.kind === "var" && cls(p.type) === "i" && p.type.size === 4) {
    return { kind: "ptr", ptr: p, off };
  }
  if (p.kind === "cast" && p.lhs!.type.kind === "array") {
    const inner = memParts(p.lhs!);
    return inner && { ...inner, off: inner.off + off };
  }
  if ((p.kind === "add" || p.kind === "sub") && p.type.kind === "ptr" && p.rhs!.kind === "num") {
    const d = Number(BigInt.asIntN(32, p.rhs!.val!));
    return pointerParts(p.lhs!, off + (p.kind === "add" ? d : -d));
  }
  return undefined;
}

/**
 * A memory operand for lvalue `n` (+`delta` bytes) without computing its
 * address into %eax: `off(%ebp)`, `sym+off`, `off(%reg)` for a pointer in a
 * register, or `off(%ecx)` after loading a pointer variable into %ecx (the
 * only register this may touch). Undefined for anything more complex.
 */
export function memOperand(g: Gen, n: Node, delta = 0): string | undefined {
  const m = memParts(n);
  if (!m) return undefined;
  const off = m.off + delta;
  if (m.kind === "frame") return `${off}(%ebp)`;
  if (m.kind === "sym") return off ? `${m.label}${off > 0 ? "+" : ""}${off}` : m.label;
  const reg = m.ptr.obj!.reg;
  if (!reg) g.emit(`movl ${varOperand(m.ptr)}, %ecx`);
  return `${off || ""}(${reg ?? "%ecx"})`;
}

/** True when memOperand(n) would succeed. */
export function hasMemOperand(n: Node): boolean {
  return memParts(n) !== undefined;
}
