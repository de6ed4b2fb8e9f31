/**
 * Calls (i386 cdecl): arguments are evaluated right to left into a 16-byte
 * aligned outgoing area, structs are copied by value, struct results come
 * back through a hidden pointer that the callee pops (`ret $4`), and narrow
 * integer results are re-extended after the call.
 */
import type { Node } from "../ast.ts";
import { type CType, isRecord } from "../types.ts";
import { narrow } from "./convert.ts";
import { cls, fsuffix, type Gen } from "./emitter.ts";
import { copyBytes, genExpr } from "./expr.ts";

export function genCall(g: Gen, n: Node): void {
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

export function storeArg(g: Gen, t: CType, off: number): void {
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
