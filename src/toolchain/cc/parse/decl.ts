/**
 * Declaration specifiers and declarators (C11 6.7): storage classes, type
 * specifier combinations, qualifiers, struct/union/enum specifiers, pointer,
 * array and function declarators (nested and abstract), type names.
 *
 * Worked example: `int (*fp[3])(char)` → declspec int; declarator sees `(`
 * followed by `*`, parses the suffix `(char)` first giving `int (char)`, then
 * re-parses the nested part `*fp[3]` over it: array of 3 pointers to function.
 *
 * Failure contract: invalid specifier combinations, unknown types, and
 * unsupported features (VLAs, _Atomic, _Complex, _Thread_local) throw
 * CompileError at the offending token.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import { arrayOf, constOf, type CType, funcType, pointerTo, T, volatileOf } from "../types.ts";
import type { Parser } from "./parser.ts";
import { constExpr, constInt, expr } from "./expr.ts";
import { enumSpec, recordSpec } from "./tags.ts";

/** Storage class and function specifiers seen in a declaration. */
export interface DeclAttrs {
  isTypedef: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isInline: boolean;
  align: number;
}

const BASE_COMBOS: Record<string, CType> = {
  "void": T.void,
  "_Bool": T.bool,
  "char": T.char,
  "signed char": T.char,
  "unsigned char": T.uchar,
  "short": T.short,
  "signed short": T.short,
  "short int": T.short,
  "signed short int": T.short,
  "unsigned short": T.ushort,
  "unsigned short int": T.ushort,
  "int": T.int,
  "signed": T.int,
  "signed int": T.int,
  "unsigned": T.uint,
  "unsigned int": T.uint,
  "long": T.long,
  "signed long": T.long,
  "long int": T.long,
  "signed long int": T.long,
  "unsigned long": T.ulong,
  "unsigned long int": T.ulong,
  "long long": T.llong,
  "signed long long": T.llong,
  "long long int": T.llong,
  "signed long long int": T.llong,
  "unsigned long long": T.ullong,
  "unsigned long long int": T.ullong,
  "float": T.float,
  "double": T.double,
  "long double": T.ldouble,
};
const ORDER = [
  "signed",
  "unsigned",
  "short",
  "long",
  "_Bool",
  "char",
  "int",
  "float",
  "double",
  "void",
];
const QUALIFIERS = new Set([
  "const",
  "volatile",
  "restrict",
  "__restrict",
  "__restrict__",
  "__const",
  "__volatile__",
  "__extension__",
]);
const SPEC_WORDS = new Set([
  ...ORDER,
  "struct",
  "union",
  "enum",
  "typedef",
  "static",
  "extern",
  "auto",
  "register",
  "inline",
  "__inline",
  "__inline__",
  "_Noreturn",
  "_Alignas",
  "_Atomic",
  "_Complex",
  "_Thread_local",
  "__attribute__",
  "__attribute",
  "__builtin_va_list",
  "typeof",
  "__typeof__",
  "__typeof",
  ...QUALIFIERS,
]);

/** True when the current token can begin a declaration or type name. */
export function isTypeStart(p: Parser, t: Token = p.tok): boolean {
  return t.kind === "ident" && (SPEC_WORDS.has(t.text) || p.isTypedefName(t));
}

/** Attributes that change layout, linkage or code: ignoring them would miscompile. */
const REJECTED_ATTRIBUTES = new Set([
  "packed",
  "aligned",
  "section",
  "vector_size",
  "mode",
  "transparent_union",
  "cleanup",
  "weak",
  "alias",
  "constructor",
  "destructor",
  "regparm",
  "stdcall",
  "fastcall",
  "ms_abi",
  "scalar_storage_order",
]);

/**
 * Skips a GNU `__attribute__((...))` whose attributes only inform the
 * optimizer or warnings (noreturn, unused, format, ...); rejects the ones in
 * REJECTED_ATTRIBUTES with a compile error.
 */
export function skipAttributes(p: Parser): void {
  while (p.accept("__attribute__") || p.accept("__attribute")) {
    p.expect("(");
    let depth = 1;
    while (depth > 0) {
      const t = p.next();
      if (t.kind === "eof") fail(t.loc, "unterminated __attribute__");
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      if (
        depth === 2 && t.kind === "ident" &&
        REJECTED_ATTRIBUTES.has(t.text.replace(/^__(.*)__$/, "$1"))
      ) {
        fail(t.loc, `attribute '${t.text}' is not supported by denix cc`);
      }
    }
  }
}

/** Parses declaration specifiers. `attrs` is undefined where storage classes are not allowed. */
export function declspec(p: Parser, attrs?: DeclAttrs): CType {
  const words: string[] = [];
  let type: CType | undefined;
  let isConst = false;
  let isVolatile = false;
  const start = p.tok;
  for (;;) {
    const t = p.tok;
    if (t.kind !== "ident") break;
    if (QUALIFIERS.has(t.text)) {
      isConst ||= t.text === "const" || t.text === "__const";
      isVolatile ||= t.text.includes("volatile");
      p.next();
      continue;
    }
    if (t.text === "__attribute__" || t.text === "__attribute") {
      skipAttributes(p);
      continue;
    }
    if (
      [
        "typedef",
        "static",
        "extern",
        "auto",
        "register",
        "inline",
        "__inline",
        "__inline__",
        "_Noreturn",
      ].includes(t.text)
    ) {
      if (!attrs) fail(t.loc, `storage class '${t.text}' is not allowed here`);
      p.next();
      if (t.text === "typedef") attrs.isTypedef = true;
      else if (t.text === "static") attrs.isStatic = true;
      else if (t.text === "extern") attrs.isExtern = true;
      else if (t.text.includes("inline")) attrs.isInline = true;
      continue;
    }
    if (t.text === "_Alignas") {
      p.next();
      p.expect("(");
      const a = isTypeStart(p) ? typeName(p).align : Number(constInt(p));
      p.expect(")");
      if (attrs) attrs.align = Math.max(attrs.align, a);
      continue;
    }
    if (["_Atomic", "_Complex", "_Thread_local"].includes(t.text)) {
      fail(t.loc, `'${t.text}' is not supported by denix cc`);
    }
    if (type || words.length) {
      if (!ORDER.includes(t.text)) break;
    } else if (t.text === "struct" || t.text === "union") {
      p.next();
      type = recordSpec(p, t.text);
      continue;
    } else if (t.text === "enum") {
      p.next();
      type = enumSpec(p);
      continue;
    } else if (t.text === "__builtin_va_list") {
      p.next();
      type = pointerTo(T.char);
      continue;
    } else if (t.text === "typeof" || t.text === "__typeof__" || t.text === "__typeof") {
      p.next(), p.expect("(");
      type = isTypeStart(p) ? typeName(p) : expr(p).type; // GNU typeof: the operand is not evaluated
      p.expect(")");
      continue;
    } else if (p.isTypedefName(t)) {
      p.next();
      type = p.lookup(t.text)!.typedef!;
      continue;
    }
    if (!ORDER.includes(t.text)) break;
    if (type) fail(t.loc, `two or more data types in declaration specifiers`);
    words.push(t.text);
    p.next();
  }
  if (words.length) {
    if (type) fail(start.loc, "two or more data types in declaration specifiers");
    const key = [...words].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).join(" ");
    type = BASE_COMBOS[key];
    if (!type) fail(start.loc, `invalid combination of type specifiers '${words.join(" ")}'`);
  }
  if (!type) {
    if (attrs && (attrs.isStatic || attrs.isExtern || attrs.isTypedef)) type = T.int;
    else fail(start.loc, `expected type specifier before '${start.text || "end of input"}'`);
  }
  const qualified: CType = isVolatile ? volatileOf(type) : type;
  return isConst ? constOf(qualified) : qualified;
}

/** Skips pointer qualifiers; returns which of const/volatile were present. */
function skipQualifiers(p: Parser): { isConst: boolean; isVolatile: boolean } {
  const q = { isConst: false, isVolatile: false };
  for (;;) {
    if (QUALIFIERS.has(p.tok.text) && p.tok.kind === "ident") {
      const w = p.next().text;
      q.isConst ||= w.includes("const");
      q.isVolatile ||= w.includes("volatile");
    } else if (p.is("__attribute__")) skipAttributes(p);
    else return q;
  }
}

/** A parsed declarator: the declared type and name (absent for abstract declarators). */
export interface Declarator {
  type: CType;
  name: Token | undefined;
  /** GNU asm label: `int f(void) __asm__("real_name");` sets the assembler symbol. */
  asmLabel?: string;
}

/** Parses a (possibly abstract) declarator over `base`. */
export function declarator(p: Parser, base: CType): Declarator {
  let type = base;
  while (p.accept("*")) {
    type = pointerTo(type);
    const q = skipQualifiers(p);
    if (q.isConst) type = constOf(type);
    if (q.isVolatile) type = volatileOf(type);
  }
  if (p.is("(") && isNested(p)) {
    const start = p.pos;
    p.next();
    declarator(p, T.int); // skip the nested part once to find the suffix
    p.expect(")");
    const outer = typeSuffix(p, type);
    const end = p.pos;
    p.pos = start + 1;
    const d = declarator(p, outer);
    p.expect(")");
    p.pos = end;
    return d;
  }
  let name: Token | undefined;
  if (p.tok.kind === "ident" && !isTypeStart(p)) name = p.next();
  skipAttributes(p);
  const full = typeSuffix(p, type);
  skipAttributes(p);
  if (name && (p.is("__asm__") || p.is("asm") || p.is("__asm"))) {
    p.next(), p.expect("(");
    if (p.tok.kind !== "str") fail(p.tok.loc, "expected string literal in asm label");
    const asmLabel = p.next().text.slice(1, -1);
    p.expect(")");
    skipAttributes(p);
    return { type: full, name, asmLabel };
  }
  return { type: full, name };
}

function isNested(p: Parser): boolean {
  const n = p.peek();
  if (n.text === "*" || n.text === "(" || n.text === "[") return true;
  return n.kind === "ident" && !isTypeStart(p, n);
}

function typeSuffix(p: Parser, type: CType): CType {
  if (p.accept("(")) return funcParams(p, type);
  if (p.accept("[")) {
    while (p.accept("static") || (QUALIFIERS.has(p.tok.text) && p.next())) { /* skip */ }
    let len = -1;
    if (!p.is("]")) {
      const t = p.tok;
      const n = constExpr(p);
      if (n === undefined) fail(t.loc, "variable-length arrays are not supported by denix cc");
      if (n < 0n) fail(t.loc, "size of array is negative");
      len = Number(n);
    }
    p.expect("]");
    const elem = typeSuffix(p, type);
    if (elem.kind === "func") fail(p.tok.loc, "declaration of array of functions");
    if (elem.kind === "array" && elem.len! < 0) {
      fail(p.tok.loc, "array type has incomplete element type");
    }
    return arrayOf(elem, len);
  }
  return type;
}

function funcParams(p: Parser, ret: CType): CType {
  if (ret.kind === "func") fail(p.tok.loc, "function cannot return a function");
  if (ret.kind === "array") fail(p.tok.loc, "function cannot return an array");
  if (p.accept(")")) return funcType(ret, [], false, true);
  if (p.is("void") && p.peek().text === ")") {
    p.next(), p.next();
    return funcType(ret, [], false, false);
  }
  const params: CType[] = [];
  const names: (Token | undefined)[] = [];
  let variadic = false;
  if (
    p.tok.kind === "ident" && !isTypeStart(p) && (p.peek().text === "," || p.peek().text === ")")
  ) {
    return identifierList(p, ret);
  }
  for (;;) {
    if (p.accept("...")) {
      variadic = true;
      break;
    }
    if (!isTypeStart(p)) {
      if (p.tok.kind === "ident") fail(p.tok.loc, `unknown type name '${p.tok.text}'`);
      fail(
        p.tok.loc,
        `expected parameter declaration before ${
          p.tok.kind === "eof" ? "end of input" : `'${p.tok.text}'`
        }`,
      );
    }
    const attrs: DeclAttrs = {
      isTypedef: false,
      isStatic: false,
      isExtern: false,
      isInline: false,
      align: 0,
    };
    const d = declarator(p, declspec(p, attrs));
    let t = d.type;
    if (t.kind === "array") t = pointerTo(t.base!);
    else if (t.kind === "func") t = pointerTo(t);
    if (t.kind === "void") fail(d.name?.loc ?? p.tok.loc, "parameter has void type");
    params.push(t);
    names.push(d.name);
    if (!p.accept(",")) break;
  }
  p.expect(")");
  return { ...funcType(ret, params, variadic, false), paramNames: names };
}

/** A K&R identifier list `(a, b)`; types come from the declarations before the body. */
function identifierList(p: Parser, ret: CType): CType {
  const names: Token[] = [];
  do names.push(p.ident()); while (p.accept(","));
  p.expect(")");
  return { ...funcType(ret, names.map(() => T.int), false, true), paramNames: names, knr: true };
}

/** Parses K&R parameter declarations (before a function body) and returns the prototype type. */
export function knrParams(p: Parser, type: CType): CType {
  const names = type.paramNames!;
  const params = [...type.params!];
  while (!p.is("{")) {
    const base = declspec(p);
    do {
      const d = declarator(p, base);
      const i = names.findIndex((n) => n?.text === d.name?.text);
      if (i < 0) {
        fail(
          d.name?.loc ?? p.tok.loc,
          `declaration for parameter '${d.name?.text ?? ""}' but no such parameter`,
        );
      }
      let t = d.type;
      if (t.kind === "array") t = pointerTo(t.base!);
      if (t.kind === "float") {
        fail(d.name!.loc, "K&R parameters of type float are not supported by denix cc");
      }
      params[i] = t;
    } while (p.accept(","));
    p.expect(";");
  }
  return { ...funcType(type.ret!, params, false, true), paramNames: names };
}

/** Parses a type name (C11 6.7.7), as in casts and sizeof. */
export function typeName(p: Parser): CType {
  return declarator(p, declspec(p)).type;
}

/** Parses `_Static_assert(expr, "msg");`. */
export function staticAssert(p: Parser): void {
  const kw = p.next();
  p.expect("(");
  const v = constInt(p);
  let msg = "static assertion failed";
  if (p.accept(",")) msg = `static assertion failed: ${p.next().text}`;
  p.expect(")");
  p.expect(";");
  if (v === 0n) fail(kw.loc, msg);
}
