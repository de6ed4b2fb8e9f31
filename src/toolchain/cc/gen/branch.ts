/**
 * Conditions: fused compare-and-branch for integer comparisons, jump chains
 * for &&, || and !, and zero tests for every value class (NaN counts as true).
 */
import type { Node } from "../ast.ts";
import type { CType } from "../types.ts";
import { cls, type Gen } from "./emitter.ts";
import { genExpr } from "./expr.ts";
import { operand, operands } from "./operands.ts";

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

export const JCC: Record<string, [string, string]> = {
  eq: ["je", "je"],
  ne: ["jne", "jne"],
  lt: ["jl", "jb"],
  le: ["jle", "jbe"],
  gt: ["jg", "ja"],
  ge: ["jge", "jae"],
};

export const INVERSE: Record<string, string> = {
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

export function branch(g: Gen, n: Node, label: string, when: boolean): void {
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
