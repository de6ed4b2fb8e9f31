/**
 * Assignments and bit-fields: stores into variables, through pointers and
 * into bit-field units (read-modify-write), plus `genEffect` for expressions
 * whose value is unused (`x += 1` becomes one `addl`).
 */
import type { Node } from "../ast.ts";
import { cls, fsuffix, type Gen, loadInsn, storeInsn } from "./emitter.ts";
import { discard, genAddr, genExpr, store } from "./expr.ts";
import { hasMemOperand, memOperand, operand, simpleInto, varOperand } from "./operands.ts";

export function loadBitfield(g: Gen, n: Node): void {
  const m = n.member!;
  genAddr(g, n);
  g.emit(`${loadInsn({ ...m.type, unsigned: true })} (%eax), %eax`);
  const left = 32 - m.bitOffset! - m.bitWidth!;
  if (left) g.emit(`shll $${left}, %eax`);
  if (32 - m.bitWidth!) g.emit(`${m.type.unsigned ? "shrl" : "sarl"} $${32 - m.bitWidth!}, %eax`);
}

export function genAssign(g: Gen, n: Node): void {
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
    // the value of an assignment is the stored (rounded) value: store, then reload
    if (n.type.kind !== "ldouble") {
      return g.emit(`fstp${fsuffix(n.type)} ${op}`), g.emit(`fld${fsuffix(n.type)} ${op}`);
    }
    g.emit(`leal ${op}, %ecx`);
    return store(g, n.type);
  }
  if ((c === "i" || c === "l" || c === "f") && hasMemOperand(lhs)) return storeDirect(g, n);
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
  if ((n.kind === "comma" || n.kind === "postinc") && n.els) return genEffect(g, n.els);
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

export function storeBitfield(g: Gen, n: Node): void {
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

/** Stores into an lvalue with a direct memory operand (member, `*p`, `p[const]`). */
function storeDirect(g: Gen, n: Node): void {
  const c = cls(n.type);
  const imm = c === "i" ? operand(n.rhs!) : undefined;
  if (imm?.startsWith("$")) {
    g.emit(`${storeInsn(n.type).replace(/ %.*/, "")} ${imm}, ${memOperand(g, n.lhs!)}`);
    return g.emit(`movl ${imm}, %eax`);
  }
  genExpr(g, n.rhs!);
  const m = memOperand(g, n.lhs!)!;
  if (c === "i") return g.emit(`${storeInsn(n.type)}, ${m}`);
  if (c === "l") return g.emit(`movl %eax, ${m}`), g.emit(`movl %edx, ${memOperand(g, n.lhs!, 4)}`);
  g.emit(`fstp${fsuffix(n.type)} ${m}`), g.emit(`fld${fsuffix(n.type)} ${m}`);
}
