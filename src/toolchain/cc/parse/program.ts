/**
 * The translation unit (C11 6.9): external declarations and function
 * definitions. Produces the list of global objects (functions with bodies,
 * variables with initial data) for the code generator.
 *
 * Redeclarations merge into one object: `int x; int x = 1;` is one definition;
 * `extern int f(void);` followed by its definition is one function.
 *
 * Failure contract: conflicting types, redefinitions and syntax errors throw
 * CompileError.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Obj } from "../ast.ts";
import { arrayOf, type CType, isRecord, sameType, typeName } from "../types.ts";
import { declarator, type DeclAttrs, declspec, knrParams, staticAssert } from "./decl.ts";
import { parseInitializer } from "./init.ts";
import { Parser } from "./parser.ts";
import { checkGotos, compound, declareParams } from "./stmt.ts";

/** Parses a whole preprocessed token list. */
export function parseProgram(toks: Token[]): Obj[] {
  const p = new Parser(toks);
  while (p.tok.kind !== "eof") {
    if (p.is("_Static_assert")) {
      staticAssert(p);
      continue;
    }
    if (p.accept(";")) continue;
    if (p.is("asm") || p.is("__asm__")) {
      fail(p.tok.loc, "top-level asm is not supported by denix cc");
    }
    externalDecl(p);
  }
  for (const g of p.globals) {
    // C99 inline definition (every declaration `inline`, none `extern`): no external symbol is
    // provided, so the body is used locally, like `static inline`.
    if (g.isFunction && g.inlineOnly && g.body) g.isStatic = true;
    // C11 6.9.2p5 example: a tentative `int a[];` becomes `int a[1];` at the end of the unit
    if (g.isTentative && g.type.kind === "array" && g.type.len! < 0) {
      g.type = arrayOf(g.type.base!, 1);
    }
  }
  return p.globals;
}

function externalDecl(p: Parser): void {
  const attrs: DeclAttrs = {
    isTypedef: false,
    isStatic: false,
    isExtern: false,
    isInline: false,
    align: 0,
  };
  const startTok = p.tok;
  const base = declspec(p, attrs);
  if (p.accept(";")) return;
  for (let first = true;; first = false) {
    const d = declarator(p, base);
    if (!d.name) fail(startTok.loc, "expected identifier or '(' in declaration");
    if (attrs.isTypedef) p.declare(d.name.text, { typedef: d.type });
    else if (d.type.kind === "func") {
      const fn = declareGlobal(p, d.name, d.type, attrs, d.asmLabel);
      if (first && d.type.knr) return functionBody(p, fn, knrParams(p, d.type));
      if (first && p.is("{")) return functionBody(p, fn, d.type);
    } else globalVar(p, d.name, d.type, attrs, d.asmLabel);
    if (!p.accept(",")) break;
  }
  p.expect(";");
}

function declareGlobal(
  p: Parser,
  name: Token,
  type: CType,
  attrs: DeclAttrs,
  asmLabel?: string,
): Obj {
  const prev = p.lookup(name.text)?.obj;
  if (prev) {
    if (asmLabel) prev.label = asmLabel;
    if (!attrs.isInline || attrs.isExtern) prev.inlineOnly = false;
    if (!sameType(prev.type, type)) {
      fail(
        name.loc,
        `conflicting types for '${name.text}' ('${typeName(type)}' vs '${typeName(prev.type)}')`,
      );
    }
    if (prev.type.oldStyle && !type.oldStyle) prev.type = type;
    if (prev.type.kind === "array" && prev.type.len! < 0) prev.type = type;
    prev.isStatic ||= attrs.isStatic;
    return prev;
  }
  const obj: Obj = {
    name: name.text,
    label: asmLabel ?? name.text,
    type,
    isLocal: false,
    offset: 0,
    isStatic: attrs.isStatic,
    isFunction: type.kind === "func",
    isDefinition: false,
    align: Math.max(type.align, attrs.align),
    inlineOnly: type.kind === "func" && attrs.isInline && !attrs.isExtern,
  };
  p.globals.push(obj);
  p.declare(name.text, { obj });
  return obj;
}

function globalVar(p: Parser, name: Token, type: CType, attrs: DeclAttrs, asmLabel?: string): void {
  const obj = declareGlobal(p, name, type, attrs, asmLabel);
  if (p.accept("=")) {
    if (obj.isDefinition && !obj.isTentative) fail(name.loc, `redefinition of '${name.text}'`);
    obj.isDefinition = true;
    obj.isTentative = false;
    parseInitializer(p, obj, true);
    return;
  }
  if (attrs.isExtern) return;
  if (!obj.isDefinition) {
    obj.isDefinition = true;
    obj.isTentative = true;
  }
  if (isRecord(obj.type) && !obj.type.complete) {
    fail(name.loc, `storage size of '${name.text}' isn't known`);
  }
}

function functionBody(p: Parser, fn: Obj, type: CType): void {
  if (fn.body) fail(p.tok.loc, `redefinition of '${fn.name}'`);
  fn.type = type;
  fn.isDefinition = true;
  p.fn = fn;
  p.fnLocals = [];
  p.gotoLabels = new Map();
  p.enterScope();
  declareParams(p, fn, type.paramNames ?? []);
  fn.body = compound(p, false);
  p.leaveScope();
  checkGotos(p);
  fn.locals = p.fnLocals;
  p.fn = undefined;
}
