/**
 * Binary arithmetic and comparisons: 32-bit integer ops with direct operands,
 * 64-bit ops on %edx:%eax (multiplication by three 32-bit multiplies,
 * shld/shrd shifts, division through the __divdi3 family), and x87 ops with
 * memory operands where one side is simple.
 */
import type { Node } from "../ast.ts";
import { cls, type Gen } from "./emitter.ts";
import { genExpr } from "./expr.ts";
import { floatOperand, operands, varOperand } from "./operands.ts";

export const SETCC: Record<string, [string, string]> = {
  eq: ["sete", "sete"],
  ne: ["setne", "setne"],
  lt: ["setl", "setb"],
  le: ["setle", "setbe"],
  gt: ["setg", "seta"],
  ge: ["setge", "setae"],
};

export const COMMUTATIVE: Record<string, string> = {
  add: "addl",
  mul: "imull",
  band: "andl",
  bor: "orl",
  bxor: "xorl",
};

export function genBinary(g: Gen, n: Node): void {
  const c = cls(n.lhs!.type);
  if (c === "f") return floatBinary(g, n);
  if (c === "l") return longBinary(g, n);
  if (n.kind === "add" && n.type.kind === "ptr" && indexed(g, n)) return;
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
export function longBinary(g: Gen, n: Node): void {
  if (longDirect(g, n)) return;
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

export const FOPS: Record<string, [string, string]> = {
  add: ["fadd", "fadd"],
  sub: ["fsub", "fsubr"],
  mul: ["fmul", "fmul"],
  div: ["fdiv", "fdivr"],
};

export function floatBinary(g: Gen, n: Node): void {
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

const LONG_PAIRS: Record<string, [string, string]> = {
  add: ["addl", "adcl"],
  sub: ["subl", "sbbl"],
  band: ["andl", "andl"],
  bor: ["orl", "orl"],
  bxor: ["xorl", "xorl"],
};

/** 64-bit add/sub/and/or/xor with a constant or memory rhs: no stack traffic. */
function longDirect(g: Gen, n: Node): boolean {
  const pair = LONG_PAIRS[n.kind];
  const r = n.rhs!;
  if (!pair || cls(r.type) !== "l") return false;
  if (r.kind === "num") {
    const v = BigInt.asUintN(64, r.val!);
    genExpr(g, n.lhs!);
    g.emit(`${pair[0]} $${BigInt.asIntN(32, v)}, %eax`),
      g.emit(`${pair[1]} $${BigInt.asIntN(32, v >> 32n)}, %edx`);
    return true;
  }
  if (r.kind !== "var" || r.obj!.reg) return false;
  genExpr(g, n.lhs!);
  g.emit(`${pair[0]} ${varOperand(r)}, %eax`), g.emit(`${pair[1]} ${varOperand(r, 4)}, %edx`);
  return true;
}

/**
 * `base + i * s` (s = 1, 2, 4, 8) with a side-effect-free base (pointer
 * variable or array) as one scaled-index `leal`.
 */
function indexed(g: Gen, n: Node): boolean {
  const r = n.rhs!;
  const scaledBy = r.kind === "mul" && r.rhs!.kind === "num" && [2n, 4n, 8n].includes(r.rhs!.val!);
  const scale = scaledBy ? Number(r.rhs!.val!) : 1;
  const index = scaledBy ? r.lhs! : r;
  if (cls(index.type) !== "i") return false;
  const b = n.lhs!;
  let base: string | undefined;
  if (b.kind === "var" && b.obj!.reg) base = `(${b.obj!.reg},%eax,${scale})`;
  else if (b.kind === "cast" && b.lhs!.kind === "var" && b.lhs!.type.kind === "array") {
    const o = b.lhs!.obj!;
    base = o.isLocal ? `${o.offset}(%ebp,%eax,${scale})` : `${o.label}(,%eax,${scale})`;
  } else if (b.kind === "var" && cls(b.type) === "i") base = "mem";
  if (!base) return false;
  genExpr(g, index);
  if (base === "mem") {
    g.emit(`movl ${varOperand(b)}, %ecx`);
    base = `(%ecx,%eax,${scale})`;
  }
  g.emit(`leal ${base}, %eax`);
  return true;
}
