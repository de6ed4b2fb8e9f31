/**
 * GNU-style inline asm with operands: constraints a b c d S D (fixed
 * registers), r/g (a free register), q (a free byte-addressable register), m (address in a register), i
 * (immediate), digits (matching), `=`/`+` outputs; `%N`, `%bN`, `%hN`, `%wN`,
 * `%kN`, `%%` and `%=` in the template; clobbers keep registers out of `r`.
 */
import { fail } from "../diag.ts";
import type { Node } from "../ast.ts";
import type { Gen } from "./emitter.ts";
import { genAddr, genExpr, store } from "./expr.ts";

const FIXED: Record<string, string> = {
  a: "eax",
  b: "ebx",
  c: "ecx",
  d: "edx",
  S: "esi",
  D: "edi",
};
const SUB: Record<string, Record<string, string>> = {
  b: { eax: "al", ebx: "bl", ecx: "cl", edx: "dl" },
  h: { eax: "ah", ebx: "bh", ecx: "ch", edx: "dh" },
  w: { eax: "ax", ebx: "bx", ecx: "cx", edx: "dx", esi: "si", edi: "di" },
};

interface Opnd {
  text: string;
  reg?: string;
  mem?: boolean;
}

/**
 * Inline asm: inputs (and "m" addresses) are evaluated onto the stack, popped
 * into their registers, the template is emitted with %N/%bN/%wN/%kN/%hN and
 * %% substituted, then register outputs are stored to their lvalues.
 */
export function genAsm(g: Gen, n: Node): void {
  const outs = n.outputs!, ins = n.inputs!;
  const all = [...outs, ...ins];
  const used = new Set<string>(n.clobbers!.map((c) => c.replace(/^%?e?/, "e").replace(/^ee/, "e")));
  const ops: Opnd[] = [];
  const pick = (byteRegs = false): string => {
    for (
      const r of byteRegs
        ? ["eax", "ecx", "edx", "ebx"]
        : ["eax", "ecx", "edx", "ebx", "esi", "edi"]
    ) {
      if (!used.has(r)) return used.add(r), r;
    }
    fail(n.tok.loc, "impossible register constraint in 'asm'");
  };
  for (const o of all) {
    const c = o.constraint.replace(/[=+&]/g, "");
    const fixed = [...c].map((ch) => FIXED[ch]).find(Boolean);
    if (fixed) used.add(fixed);
  }
  all.forEach((o, i) => {
    const c = o.constraint.replace(/[=+&]/g, "");
    const fixed = [...c].map((ch) => FIXED[ch]).find(Boolean);
    if (/^[0-9]$/.test(c)) ops[i] = { ...ops[Number(c)] };
    else if (fixed) ops[i] = { text: `%${fixed}`, reg: fixed };
    else if (c.includes("i") && !c.includes("r") && o.expr.kind === "num") {
      ops[i] = { text: `$${o.expr.val}` };
    } else if (c.includes("r") || c.includes("g") || c.includes("q")) {
      const r = pick(c.includes("q") && !c.includes("r"));
      ops[i] = { text: `%${r}`, reg: r };
    } else if (c.includes("m")) {
      const r = pick();
      ops[i] = { text: `(%${r})`, reg: r, mem: true };
    } else fail(o.expr.tok.loc, `unsupported asm constraint '${o.constraint}'`);
  });
  // Values to load: inputs, in-out outputs, and addresses of memory operands.
  const loads: { reg: string; node: Node; addr: boolean }[] = [];
  all.forEach((o, i) => {
    const op = ops[i];
    const isOut = i < outs.length;
    if (!op.reg) return;
    if (op.mem) loads.push({ reg: op.reg, node: o.expr, addr: true });
    else if (!isOut || o.constraint.includes("+")) {
      loads.push({ reg: op.reg, node: o.expr, addr: false });
    }
  });
  for (const l of loads) {
    if (l.addr) genAddr(g, l.node);
    else genExpr(g, l.node);
    g.push("%eax");
  }
  for (let i = loads.length - 1; i >= 0; i--) g.pop(`%${loads[i].reg}`);
  g.text.push(`\t${substitute(n, ops)}`);
  const regOuts = outs.map((o, i) => ({ o, op: ops[i] })).filter((x) => x.op.reg && !x.op.mem);
  for (const { op } of regOuts) g.push(`%${op.reg}`);
  regOuts.forEach(({ o }, k) => {
    genAddr(g, o.expr);
    g.emit(`movl %eax, %ecx`);
    g.emit(`movl ${(regOuts.length - 1 - k) * 4}(%esp), %eax`);
    store(g, o.expr.type);
  });
  if (regOuts.length) g.free(regOuts.length * 4);
}

function substitute(n: Node, ops: Opnd[]): string {
  const names = [...n.outputs!, ...n.inputs!].map((o) => o.name);
  return n.asmText!.replace(
    /%(%|[bhwk]?(?:[0-9]+|\[[A-Za-z_][A-Za-z0-9_]*\])|=)/g,
    (_m, x: string) => {
      if (x === "%") return "%";
      if (x === "=") return String(n.tok.loc.line);
      const mod = /^[bhwk]/.test(x) ? x[0] : "";
      const ref = mod ? x.slice(1) : x;
      const index = ref.startsWith("[") ? names.indexOf(ref.slice(1, -1)) : Number(ref);
      if (index < 0) fail(n.tok.loc, `undefined named operand '${ref.slice(1, -1)}' in 'asm'`);
      const op = ops[index];
      const size = [...n.outputs!, ...n.inputs!][index]?.expr.type.size ?? 4;
      if (!op) fail(n.tok.loc, `operand number out of range in 'asm'`);
      // like gcc, a register operand is named at the size of its C operand unless a modifier says otherwise
      const width = mod || (size === 1 ? "b" : size === 2 ? "w" : "k");
      if (width !== "k" && op.reg && !op.mem) {
        const r = SUB[width][op.reg];
        if (!r) fail(n.tok.loc, `invalid register for '%${width}' in 'asm'`);
        return `%${r}`;
      }
      return op.text;
    },
  ).replace(/\n/g, "\n\t");
}
