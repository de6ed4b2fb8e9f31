/**
 * Statement and function code generation: frame layout (ebp-based; ebx, esi,
 * edi saved; %esp 16-byte aligned after the prologue), returns (struct
 * results copied through the hidden pointer, `ret $4`), loops, switch as a
 * jump table or compare chain, labels/goto.
 */
import { fail } from "../diag.ts";
import type { Node, Obj } from "../ast.ts";
import { alignTo, isRecord } from "../types.ts";
import { cls, type Gen } from "./emitter.ts";
import { genAsm } from "./asm.ts";
import { allocateRegisters } from "./regalloc.ts";
import { genEffect } from "./assign.ts";
import { branchFalse, branchTrue } from "./branch.ts";
import { discard, genExpr, store } from "./expr.ts";

/** Emits one function definition. */
export function genFunction(g: Gen, fn: Obj): void {
  let size = 0;
  for (const o of fn.locals ?? []) {
    if (o.offset > 0) continue; // parameters
    size = alignTo(size + o.type.size, Math.max(o.align, 1));
    o.offset = -12 - size;
  }
  const frame = size <= 12 ? 12 : alignTo(size - 12, 16) + 12;
  g.fn = fn;
  g.depth = 0;
  g.retLabel = g.label();
  g.text.push(`\t.text`);
  if (!fn.isStatic) g.text.push(`\t.globl ${fn.label}`);
  g.text.push(`\t.type ${fn.label}, @function`, `${fn.label}:`);
  g.emit(`pushl %ebp`), g.emit(`movl %esp, %ebp`);
  g.emit(`pushl %ebx`), g.emit(`pushl %esi`), g.emit(`pushl %edi`);
  g.emit(`subl $${frame}, %esp`);
  g.setTempRegs(g.allocateVariables ? allocateRegisters(fn) : ["%ebx", "%esi", "%edi"]);
  for (const p of fn.params ?? []) if (p.reg) g.emit(`movl ${p.offset}(%ebp), ${p.reg}`);
  genStmt(g, fn.body!);
  if (fn.name === "main") g.emit(`xorl %eax, %eax`);
  g.text.push(`${g.retLabel}:`);
  g.emit(`leal -12(%ebp), %esp`);
  g.emit(`popl %edi`), g.emit(`popl %esi`), g.emit(`popl %ebx`), g.emit(`popl %ebp`);
  g.emit(isRecord(fn.type.ret!) ? `ret $4` : `ret`);
  g.text.push(`\t.size ${fn.label}, .-${fn.label}`);
}

/** Emits one statement. */
export function genStmt(g: Gen, n: Node): void {
  switch (n.kind) {
    case "block":
      return n.body!.forEach((s) => genStmt(g, s));
    case "expr":
      return genEffect(g, n.lhs!);
    case "return":
      return genReturn(g, n);
    case "if": {
      if (n.then!.kind === "goto" && !n.els) return branchTrue(g, n.cond!, n.then!.label!);
      const [els, end] = [g.label(), g.label()];
      branchFalse(g, n.cond!, els);
      genStmt(g, n.then!);
      if (n.els) g.emit(`jmp ${end}`);
      g.text.push(`${els}:`);
      if (n.els) genStmt(g, n.els), g.text.push(`${end}:`);
      return;
    }
    case "loop": {
      if (n.init) genStmt(g, n.init);
      const [top, test] = [g.label(), g.label()];
      g.emit(`jmp ${test}`);
      g.text.push(`${top}:`);
      genStmt(g, n.then!);
      g.text.push(`${n.cont}:`);
      if (n.inc) genEffect(g, n.inc);
      g.text.push(`${test}:`);
      if (n.cond) branchTrue(g, n.cond, top);
      else g.emit(`jmp ${top}`);
      g.text.push(`${n.brk}:`);
      return;
    }
    case "do": {
      const top = g.label();
      g.text.push(`${top}:`);
      genStmt(g, n.then!);
      g.text.push(`${n.cont}:`);
      branchTrue(g, n.cond!, top);
      g.text.push(`${n.brk}:`);
      return;
    }
    case "switch":
      return genSwitch(g, n);
    case "label":
      g.text.push(`${n.label}:`);
      return genStmt(g, n.lhs!);
    case "goto":
      return g.emit(`jmp ${n.label}`);
    case "asm":
      return genAsm(g, n);
    default:
      fail(n.tok.loc, `internal: unexpected statement ${n.kind}`);
  }
}

function genReturn(g: Gen, n: Node): void {
  if (n.lhs) {
    genExpr(g, n.lhs);
    const t = g.fn!.type.ret!;
    if (isRecord(t)) {
      g.emit(`movl ${g.fn!.retPtr!.offset}(%ebp), %ecx`);
      store(g, t);
    } else if (t.kind === "void") discard(g, n.lhs.type);
  }
  g.emit(`jmp ${g.retLabel}`);
}

function genSwitch(g: Gen, n: Node): void {
  genExpr(g, n.cond!);
  const long = cls(n.cond!.type) === "l";
  if (!long && jumpTable(g, n)) return finishSwitch(g, n);
  for (const c of n.cases!) {
    if (long) {
      const next = g.label();
      const v = BigInt.asUintN(64, c.lo!);
      if (c.lo !== c.hi) fail(c.tok.loc, "case ranges on long long are not supported by denix cc");
      g.emit(`cmpl $${BigInt.asIntN(32, v)}, %eax`), g.emit(`jne ${next}`);
      g.emit(`cmpl $${BigInt.asIntN(32, v >> 32n)}, %edx`), g.emit(`je ${c.label}`);
      g.text.push(`${next}:`);
    } else if (c.lo === c.hi) {
      g.emit(`cmpl $${BigInt.asIntN(32, c.lo!)}, %eax`), g.emit(`je ${c.label}`);
    } else {
      g.emit(`leal ${BigInt.asIntN(32, -c.lo!)}(%eax), %ecx`);
      g.emit(`cmpl $${BigInt.asIntN(32, c.hi! - c.lo!)}, %ecx`), g.emit(`jbe ${c.label}`);
    }
  }
  g.emit(`jmp ${n.defaultLabel ?? n.brk}`);
  finishSwitch(g, n);
}

function finishSwitch(g: Gen, n: Node): void {
  genStmt(g, n.then!);
  g.text.push(`${n.brk}:`);
}

/**
 * Dense switches (at least 4 cases filling a quarter of their value span)
 * dispatch through a table of case labels in .rodata: one bounds check and an
 * indirect jump instead of a compare chain.
 */
function jumpTable(g: Gen, n: Node): boolean {
  const cases = n.cases!;
  if (cases.length < 4) return false;
  let lo = cases[0].lo!, hi = cases[0].hi!, count = 0n;
  for (const c of cases) {
    if (c.lo! < lo) lo = c.lo!;
    if (c.hi! > hi) hi = c.hi!;
    count += c.hi! - c.lo! + 1n;
  }
  const span = hi - lo + 1n;
  if (span > 1024n || span > count * 4n) return false;
  const dflt = n.defaultLabel ?? n.brk!;
  const table: string[] = Array.from({ length: Number(span) }, () => dflt);
  for (const c of cases) for (let v = c.lo!; v <= c.hi!; v++) table[Number(v - lo)] = c.label!;
  const name = g.label();
  g.emit(lo === 0n ? `movl %eax, %ecx` : `leal ${BigInt.asIntN(32, -lo)}(%eax), %ecx`);
  g.emit(`cmpl $${span - 1n}, %ecx`), g.emit(`ja ${dflt}`), g.emit(`jmp *${name}(,%ecx,4)`);
  g.rodata.push(`\t.align 4`, `${name}:`, ...table.map((l) => `\t.long ${l}`));
  return true;
}
