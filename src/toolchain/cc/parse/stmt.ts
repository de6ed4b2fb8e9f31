/**
 * Statements and block-scope declarations (C11 6.8, 6.7 at block scope),
 * including switch/case, labels and goto, loops with C99 declarations, and
 * GNU-style basic inline asm with operands.
 *
 * break/continue/case all become jumps to labels the parser allocates, so
 * code generation only sees labels, jumps and conditions.
 *
 * Failure contract: misplaced break/continue/case/default, duplicate cases
 * or labels and malformed asm throw CompileError at the keyword.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { AsmOperand, Node, Obj } from "../ast.ts";
import { stringValue } from "../literals.ts";
import { type CType, isInteger, isRecord, isScalar, promote, T, typeName } from "../types.ts";
import { cast, decay, mk } from "./build.ts";
import { declarator, type DeclAttrs, declspec, isTypeStart, staticAssert } from "./decl.ts";
import { constInt, expr } from "./expr.ts";
import { parseInitializer } from "./init.ts";
import type { Parser } from "./parser.ts";

const noAttrs = (): DeclAttrs => ({
  isTypedef: false,
  isStatic: false,
  isExtern: false,
  isInline: false,
  align: 0,
});

/** `{ ... }` with its own scope. */
export function compound(p: Parser, newScope = true): Node {
  const tok = p.expect("{");
  const body: Node[] = [];
  if (newScope) p.enterScope();
  while (!p.accept("}")) {
    if (p.tok.kind === "eof") fail(p.tok.loc, "expected '}' at end of input");
    if (isTypeStart(p) && p.peek().text !== ":") body.push(...blockDecl(p));
    else if (p.is("_Static_assert")) staticAssert(p);
    else body.push(statement(p));
  }
  if (newScope) p.leaveScope();
  return mk("block", tok, T.void, { body });
}

/** A declaration inside a function; returns initialization code. */
function blockDecl(p: Parser): Node[] {
  const attrs = noAttrs();
  const base = declspec(p, attrs);
  const out: Node[] = [];
  if (p.accept(";")) return out;
  for (;;) {
    const d = declarator(p, base);
    if (!d.name) fail(p.tok.loc, "expected identifier or '('");
    const name = d.name;
    if (attrs.isTypedef) p.declare(name.text, { typedef: d.type });
    else if (d.type.kind === "func" || attrs.isExtern) declareExternInBlock(p, name, d.type);
    else if (attrs.isStatic) staticLocal(p, name, d.type, attrs);
    else {
      if (d.type.kind === "void") fail(name.loc, `variable '${name.text}' declared void`);
      if (p.lookupLocal(name.text)?.obj?.isLocal) fail(name.loc, `redefinition of '${name.text}'`);
      const obj = p.newLocal(name.text, d.type, Math.max(d.type.align, attrs.align));
      p.declare(name.text, { obj });
      if (p.accept("=")) {
        out.push(mk("expr", name, T.void, { lhs: parseInitializer(p, obj, false)! }));
      } else if (isIncomplete(obj.type)) {
        fail(name.loc, `storage size of '${name.text}' isn't known`);
      }
    }
    if (!p.accept(",")) break;
  }
  p.expect(";");
  return out;
}

function isIncomplete(t: CType): boolean {
  return (t.kind === "array" && t.len! < 0) || (isRecord(t) && !t.complete);
}

function declareExternInBlock(p: Parser, name: Token, type: CType): void {
  const g = p.globals.find((o) => o.name === name.text && !o.isLocal);
  const obj: Obj = g ?? {
    name: name.text,
    label: name.text,
    type,
    isLocal: false,
    offset: 0,
    isStatic: false,
    isFunction: type.kind === "func",
    isDefinition: false,
    align: type.align,
  };
  if (!g) p.globals.push(obj);
  p.declare(name.text, { obj });
}

function staticLocal(p: Parser, name: Token, type: CType, attrs: DeclAttrs): void {
  const obj = p.newAnonGlobal(type, `${name.text}.`);
  obj.name = name.text;
  obj.align = Math.max(type.align, attrs.align);
  p.declare(name.text, { obj });
  if (p.accept("=")) parseInitializer(p, obj, true);
  else if (isIncomplete(type)) fail(name.loc, `storage size of '${name.text}' isn't known`);
}

/** One statement. */
export function statement(p: Parser): Node {
  const t = p.tok;
  if (
    t.kind === "ident" && p.peek().text === ":" && !["default"].includes(t.text) && !isTypeStart(p)
  ) {
    p.next(), p.next();
    const label = gotoLabel(p, t, true);
    return mk("label", t, T.void, { label, lhs: labelled(p) });
  }
  if (t.kind === "ident") {
    switch (t.text) {
      case "return":
        return returnStmt(p);
      case "if":
        return ifStmt(p);
      case "while":
        return whileStmt(p);
      case "do":
        return doStmt(p);
      case "for":
        return forStmt(p);
      case "switch":
        return switchStmt(p);
      case "case":
      case "default":
        return caseStmt(p);
      case "break":
      case "continue": {
        p.next();
        const target = t.text === "break" ? p.brk : p.cont;
        if (!target) {
          fail(
            t.loc,
            `${t.text} statement not within ${t.text === "break" ? "loop or switch" : "a loop"}`,
          );
        }
        p.expect(";");
        return mk("goto", t, T.void, { label: target });
      }
      case "goto": {
        p.next();
        const name = p.ident();
        p.expect(";");
        return mk("goto", t, T.void, { label: gotoLabel(p, name, false) });
      }
      case "asm":
      case "__asm__":
      case "__asm":
        return asmStmt(p);
    }
  }
  if (t.text === "{" && t.kind === "punct") return compound(p);
  if (p.accept(";")) return mk("block", t, T.void, { body: [] });
  const e = expr(p);
  p.expect(";");
  return mk("expr", t, T.void, { lhs: discardForm(e), rhs: e });
}

/** GNU statement expression `({ ... })` after its `(`: the value is the last expression statement's. */
export function stmtExpr(p: Parser): Node {
  const block = compound(p);
  const last = block.body![block.body!.length - 1];
  const type = last?.kind === "expr" && last.rhs ? decay(last.rhs).type : T.void;
  return mk("stmtexpr", block.tok, type, { body: block.body! });
}

/** An expression whose value is unused: `x++` becomes the cheaper equivalent `x += 1`. */
function discardForm(e: Node): Node {
  return (e.kind === "comma" || e.kind === "postinc") && e.els ? e.els : e;
}

function labelled(p: Parser): Node {
  if (p.is("}")) return mk("block", p.tok, T.void, { body: [] }); // C2x-style label at block end
  return statement(p);
}

const definedLabels = new WeakMap<Parser, Set<string>>();

function gotoLabel(p: Parser, name: Token, define: boolean): string {
  let l = p.gotoLabels.get(name.text);
  if (!l) p.gotoLabels.set(name.text, l = p.label());
  if (define) {
    const defs = definedLabels.get(p) ?? new Set();
    definedLabels.set(p, defs);
    const key = `${p.fn?.name}:${name.text}`;
    if (defs.has(key)) fail(name.loc, `duplicate label '${name.text}'`);
    defs.add(key);
  } else {
    pendingGotos.push({ p, name });
  }
  return l;
}

const pendingGotos: { p: Parser; name: Token }[] = [];

/** Checks that every goto in the finished function names a defined label. */
export function checkGotos(p: Parser): void {
  const defs = definedLabels.get(p) ?? new Set();
  for (let i = pendingGotos.length - 1; i >= 0; i--) {
    const g = pendingGotos[i];
    if (g.p !== p) continue;
    pendingGotos.splice(i, 1);
    if (!defs.has(`${p.fn?.name}:${g.name.text}`)) {
      fail(g.name.loc, `label '${g.name.text}' used but not defined`);
    }
  }
}

function condition(p: Parser): Node {
  p.expect("(");
  const c = decay(expr(p));
  if (!isScalar(c.type)) fail(c.tok.loc, `used '${typeName(c.type)}' where a scalar is required`);
  p.expect(")");
  return c;
}

function returnStmt(p: Parser): Node {
  const t = p.next();
  const ret = p.fn!.type.ret!;
  if (p.accept(";")) {
    return mk("return", t, T.void);
  }
  const e = expr(p);
  p.expect(";");
  if (ret.kind === "void") {
    if (e.type.kind !== "void") fail(t.loc, "'return' with a value, in function returning void");
    return mk("return", t, T.void, { lhs: e });
  }
  return mk("return", t, T.void, { lhs: cast(e, ret, t) });
}

function ifStmt(p: Parser): Node {
  const t = p.next();
  const cond = condition(p);
  const then = statement(p);
  const els = p.accept("else") ? statement(p) : undefined;
  return mk("if", t, T.void, { cond, then, ...(els ? { els } : {}) });
}

function loopBody(p: Parser, n: Node): Node {
  const [brk, cont] = [p.brk, p.cont];
  p.brk = n.brk = p.label();
  p.cont = n.cont = p.label();
  n.then = statement(p);
  [p.brk, p.cont] = [brk, cont];
  return n;
}

function whileStmt(p: Parser): Node {
  const t = p.next();
  const cond = condition(p);
  return loopBody(p, mk("loop", t, T.void, { cond }));
}

function doStmt(p: Parser): Node {
  const t = p.next();
  const n = loopBody(p, mk("do", t, T.void));
  p.expect("while");
  n.cond = condition(p);
  p.expect(";");
  return n;
}

function forStmt(p: Parser): Node {
  const t = p.next();
  p.expect("(");
  p.enterScope();
  const n = mk("loop", t, T.void);
  if (isTypeStart(p)) n.init = mk("block", t, T.void, { body: blockDecl(p) });
  else if (!p.accept(";")) {
    n.init = mk("expr", t, T.void, { lhs: expr(p) });
    p.expect(";");
  }
  if (!p.is(";")) n.cond = decay(expr(p));
  p.expect(";");
  if (!p.is(")")) n.inc = discardForm(expr(p));
  p.expect(")");
  loopBody(p, n);
  p.leaveScope();
  return n;
}

function switchStmt(p: Parser): Node {
  const t = p.next();
  p.expect("(");
  let cond = expr(p);
  if (!isInteger(cond.type)) fail(cond.tok.loc, "switch quantity not an integer");
  cond = cast(cond, promote(cond.type));
  p.expect(")");
  const n = mk("switch", t, T.void, { cond, cases: [] });
  const [sw, brk] = [p.sw, p.brk];
  p.sw = n;
  p.brk = n.brk = p.label();
  n.then = statement(p);
  [p.sw, p.brk] = [sw, brk];
  return n;
}

function caseStmt(p: Parser): Node {
  const t = p.next();
  const sw = p.sw;
  if (!sw) fail(t.loc, `'${t.text}' label not within a switch statement`);
  const label = p.label();
  if (t.text === "default") {
    if (sw.defaultLabel) fail(t.loc, "multiple default labels in one switch");
    sw.defaultLabel = label;
    p.expect(":");
    return mk("label", t, T.void, { label, lhs: labelled(p) });
  }
  const type = sw.cond!.type;
  const norm = (v: bigint) =>
    type.unsigned ? BigInt.asUintN(type.size * 8, v) : BigInt.asIntN(type.size * 8, v);
  const lo = norm(constInt(p));
  const hi = p.accept("...") ? norm(constInt(p)) : lo;
  p.expect(":");
  if (sw.cases!.some((c) => c.lo! <= hi && lo <= c.hi!)) fail(t.loc, "duplicate case value");
  const n = mk("case", t, T.void, { label, lo, hi });
  sw.cases!.push(n);
  return mk("label", t, T.void, { label, lhs: labelled(p) });
}

function asmStmt(p: Parser): Node {
  const t = p.next();
  while (["volatile", "__volatile__", "inline", "goto"].includes(p.tok.text)) p.next();
  p.expect("(");
  let text = "";
  if (p.tok.kind !== "str") fail(p.tok.loc, "expected string literal in 'asm'");
  while (p.tok.kind === "str") text += String.fromCharCode(...stringValue(p.next()).elems);
  const outputs = p.accept(":") ? asmOperands(p, true) : [];
  const inputs = p.accept(":") ? asmOperands(p, false) : [];
  const clobbers: string[] = [];
  if (p.accept(":")) {
    while (p.tok.kind === "str") {
      clobbers.push(String.fromCharCode(...stringValue(p.next()).elems));
      if (!p.accept(",")) break;
    }
  }
  p.expect(")");
  p.expect(";");
  return mk("asm", t, T.void, { asmText: text, outputs, inputs, clobbers });
}

function asmOperands(p: Parser, output: boolean): AsmOperand[] {
  const ops: AsmOperand[] = [];
  while (p.tok.kind === "str" || p.is("[")) {
    const name = p.accept("[") ? p.ident().text : undefined;
    if (name !== undefined) p.expect("]");
    if (p.tok.kind !== "str") fail(p.tok.loc, "expected asm operand constraint string");
    const ct = p.next();
    const constraint = String.fromCharCode(...stringValue(ct).elems);
    if (output && !constraint.startsWith("=") && !constraint.startsWith("+")) {
      fail(ct.loc, `output operand constraint lacks '='`);
    }
    if (!/^[=+&]*([abcdSDrmigq0-9]+)$/.test(constraint)) {
      fail(ct.loc, `unsupported asm constraint '${constraint}'`);
    }
    p.expect("(");
    const e = expr(p);
    p.expect(")");
    ops.push({ constraint, expr: output ? e : decay(e), ...(name !== undefined ? { name } : {}) });
    if (!p.accept(",")) break;
  }
  return ops;
}

/** Assigns parameters their frame slots and declares them in the function scope. */
export function declareParams(p: Parser, fn: Obj, names: readonly (Token | undefined)[]): void {
  let off = 8;
  if (isRecord(fn.type.ret!)) {
    fn.retPtr = p.newLocal("", T.int);
    fn.retPtr.offset = off;
    off += 4;
  }
  fn.params = fn.type.params!.map((type, i) => {
    const obj = p.newLocal(names[i]?.text ?? "", type);
    obj.offset = off;
    off += Math.ceil(type.size / 4) * 4;
    if (names[i]) p.declare(names[i]!.text, { obj });
    return obj;
  });
  fn.paramBytes = off - 8;
}
