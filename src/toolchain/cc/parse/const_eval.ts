/**
 * Compile-time evaluation of constant expressions (C11 6.6): integer and
 * floating arithmetic with C's wrap-around in the node's type, and address
 * constants `label + addend` for static initializers.
 *
 * Returns undefined when the expression is not constant (reads a variable,
 * calls a function, ...). Integer division by zero is "not constant".
 */
import type { Node } from "../ast.ts";
import { isFloat, isInteger } from "../types.ts";
import { wrap } from "./build.ts";

/** A constant: a number, or the address `label + value`. */
export interface ConstVal {
  readonly value: bigint | number;
  readonly label?: string;
}

const I = (v: bigint): ConstVal => ({ value: v });

/** Evaluates `n`, or returns undefined when it is not a constant expression. */
export function evalConst(n: Node): ConstVal | undefined {
  switch (n.kind) {
    case "num":
      return { value: n.fval ?? n.val! };
    case "var":
      if (n.type.kind === "array" || n.type.kind === "func") return addrOf(n);
      return undefined;
    case "addr":
      return addrOf(n.lhs!);
    case "cast":
      return castConst(n);
    case "cond": {
      const c = evalConst(n.cond!);
      if (!c || c.label !== undefined) return undefined;
      return evalConst(Number(c.value) !== 0 ? n.then! : n.els!);
    }
    case "not": {
      const c = evalConst(n.lhs!);
      return c && c.label === undefined ? I(Number(c.value) === 0 ? 1n : 0n) : undefined;
    }
    case "logand":
    case "logor":
      return logical(n);
    default:
      return binaryConst(n);
  }
}

function addrOf(n: Node): ConstVal | undefined {
  if (n.kind === "var") {
    if (n.obj!.isLocal) return undefined;
    return { value: 0n, label: n.obj!.label };
  }
  if (n.kind === "member") {
    const base = addrOf(n.lhs!);
    return base && { ...base, value: BigInt(base.value) + BigInt(n.member!.offset) };
  }
  if (n.kind === "deref") return evalConst(n.lhs!);
  if (n.kind === "cast" && (n.type.kind === "array" || n.lhs!.type.kind === "array")) {
    return addrOf(n.lhs!);
  }
  return undefined;
}

function castConst(n: Node): ConstVal | undefined {
  const c = evalConst(n.lhs!);
  if (!c) return undefined;
  const t = n.type;
  if (c.label !== undefined) return t.size === 4 || t.kind === "ptr" ? c : undefined;
  if (isFloat(t)) {
    const v = Number(c.value);
    return { value: t.kind === "float" ? Math.fround(v) : v };
  }
  if (isInteger(t) || t.kind === "ptr") {
    if (typeof c.value === "number") {
      if (!Number.isFinite(c.value)) return undefined;
      if (t.kind === "bool") return I(c.value !== 0 ? 1n : 0n);
      return I(wrap(BigInt(Math.trunc(c.value)), t));
    }
    return I(wrap(c.value, t));
  }
  return t.kind === "void" ? undefined : c;
}

function logical(n: Node): ConstVal | undefined {
  const a = evalConst(n.lhs!);
  if (!a || a.label !== undefined) return undefined;
  const av = Number(a.value) !== 0;
  if (n.kind === "logand" && !av) return I(0n);
  if (n.kind === "logor" && av) return I(1n);
  const b = evalConst(n.rhs!);
  if (!b || b.label !== undefined) return undefined;
  return I(Number(b.value) !== 0 ? 1n : 0n);
}

function binaryConst(n: Node): ConstVal | undefined {
  const unary = n.kind === "neg" || n.kind === "bitnot";
  if (!n.lhs || (!unary && !n.rhs)) return undefined;
  const a = evalConst(n.lhs);
  if (!a) return undefined;
  if (unary) {
    if (a.label !== undefined) return undefined;
    if (typeof a.value === "number") return n.kind === "neg" ? { value: -a.value } : undefined;
    return I(wrap(n.kind === "neg" ? -a.value : ~a.value, n.type));
  }
  const b = evalConst(n.rhs!);
  if (!b) return undefined;
  if (a.label !== undefined || b.label !== undefined) return labelArith(n, a, b);
  if (typeof a.value === "number" || typeof b.value === "number") {
    return floatArith(n, Number(a.value), Number(b.value));
  }
  return intArith(n, a.value, b.value);
}

function labelArith(n: Node, a: ConstVal, b: ConstVal): ConstVal | undefined {
  if (b.label !== undefined && n.kind === "add" && a.label === undefined) [a, b] = [b, a];
  if (b.label !== undefined) return undefined;
  if (n.kind === "add") return { label: a.label!, value: BigInt(a.value) + BigInt(b.value) };
  if (n.kind === "sub") return { label: a.label!, value: BigInt(a.value) - BigInt(b.value) };
  return undefined;
}

function floatArith(n: Node, a: number, b: number): ConstVal | undefined {
  const r = (v: number): ConstVal => ({ value: n.type.kind === "float" ? Math.fround(v) : v });
  const cmp = (c: boolean): ConstVal => I(c ? 1n : 0n);
  switch (n.kind) {
    case "add":
      return r(a + b);
    case "sub":
      return r(a - b);
    case "mul":
      return r(a * b);
    case "div":
      return r(a / b);
    case "eq":
      return cmp(a === b);
    case "ne":
      return cmp(a !== b);
    case "lt":
      return cmp(a < b);
    case "le":
      return cmp(a <= b);
    case "gt":
      return cmp(a > b);
    case "ge":
      return cmp(a >= b);
    default:
      return undefined;
  }
}

function intArith(n: Node, a: bigint, b: bigint): ConstVal | undefined {
  const t = n.type;
  const cmp = (c: boolean): ConstVal => I(c ? 1n : 0n);
  switch (n.kind) {
    case "add":
      return I(wrap(a + b, t));
    case "sub":
      return I(wrap(a - b, t));
    case "mul":
      return I(wrap(a * b, t));
    case "div":
      return b === 0n ? undefined : I(wrap(a / b, t));
    case "mod":
      return b === 0n ? undefined : I(wrap(a % b, t));
    case "band":
      return I(wrap(a & b, t));
    case "bor":
      return I(wrap(a | b, t));
    case "bxor":
      return I(wrap(a ^ b, t));
    case "shl":
      return I(wrap(a << (b & 63n), t));
    case "shr":
      return I(wrap(a >> (b & 63n), t));
    case "eq":
      return cmp(a === b);
    case "ne":
      return cmp(a !== b);
    case "lt":
      return cmp(a < b);
    case "le":
      return cmp(a <= b);
    case "gt":
      return cmp(a > b);
    case "ge":
      return cmp(a >= b);
    default:
      return undefined;
  }
}
