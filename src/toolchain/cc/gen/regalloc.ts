/**
 * Register allocation of scalar variables: the most used 4-byte integer or
 * pointer locals and parameters of a function whose address is never taken
 * live in the callee-saved registers %ebx, %esi, %edi for the whole function
 * (uses inside loops weigh 8x per nesting level). Registers left over hold
 * expression temporaries (Gen.pushTemp).
 *
 * Volatile variables always stay in memory. Functions containing inline asm
 * (whose operands may name these registers) or calling setjmp-like functions
 * (which return twice, after which registers would be stale) keep every
 * variable in memory.
 */
import type { Node, Obj } from "../ast.ts";
import { cls } from "./emitter.ts";

const REGS = ["%ebx", "%esi", "%edi"];

/** Calls `f` on every node below `n` with its loop nesting depth. */
function walk(n: Node | undefined, depth: number, f: (n: Node, depth: number) => void): void {
  if (!n) return;
  f(n, depth);
  const inner = n.kind === "loop" || n.kind === "do" ? depth + 1 : depth;
  for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc]) walk(c, inner, f);
  for (const c of [...(n.body ?? []), ...(n.args ?? [])]) walk(c, inner, f);
  for (const o of [...(n.outputs ?? []), ...(n.inputs ?? [])]) walk(o.expr, inner, f);
}

/** Assigns `reg` to chosen variables of `fn`; returns the registers left for temporaries. */
export function allocateRegisters(fn: Obj): string[] {
  const score = new Map<Obj, number>();
  const banned = new Set<Obj>();
  let hasAsm = false;
  walk(fn.body, 0, (n, depth) => {
    if (n.kind === "asm" || callsReturnsTwice(n)) hasAsm = true;
    if (n.kind === "addr" && n.lhs!.kind === "var") banned.add(n.lhs!.obj!);
    if (n.kind === "var" && n.obj!.isLocal) {
      score.set(n.obj!, (score.get(n.obj!) ?? 0) + 8 ** Math.min(depth, 6));
    }
  });
  if (hasAsm) return REGS;
  const candidates = [...score.entries()]
    .filter(([o]) =>
      !banned.has(o) && !o.type.isVolatile && cls(o.type) === "i" && o.type.size === 4 &&
      o !== fn.retPtr
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, REGS.length);
  candidates.forEach(([o], i) => o.reg = REGS[i]);
  return REGS.slice(candidates.length);
}

/** Functions that can return twice: after them, registers hold stale values (as gcc's returns_twice). */
const RETURNS_TWICE = new Set([
  "setjmp",
  "_setjmp",
  "__setjmp",
  "sigsetjmp",
  "__sigsetjmp",
  "vfork",
  "savectx",
]);

function callsReturnsTwice(n: Node): boolean {
  if (n.kind !== "call") return false;
  const f = n.lhs!.kind === "cast" ? n.lhs!.lhs! : n.lhs!;
  return f.kind === "var" && RETURNS_TWICE.has(f.obj!.name);
}
