/**
 * Tagged type specifiers (C11 6.7.2.1-3): struct and union definitions with
 * their member lists (bit-fields, anonymous members, flexible array members;
 * layout in types.ts) and enums with their constants. Tags live in the
 * parser's block scopes; an incomplete tag is completed in place.
 *
 * Failure contract: redefinitions, wrong-kind tags, incomplete members and
 * invalid bit-fields throw CompileError.
 */
import { fail } from "../diag.ts";
import { type CType, enumType, layoutRecord, type Member, recordType } from "../types.ts";
import { declarator, declspec, skipAttributes, staticAssert } from "./decl.ts";
import { constInt } from "./expr.ts";
import type { Parser } from "./parser.ts";

/** Parses a struct/union specifier after its keyword: a reference, forward declaration or definition. */
export function recordSpec(p: Parser, kind: "struct" | "union"): CType {
  skipAttributes(p);
  const tagTok = p.tok.kind === "ident" ? p.next() : undefined;
  const tag = tagTok?.text;
  if (tag && !p.is("{")) {
    const found = p.lookupTag(tag, p.is(";") && p.peek().kind !== "eof" && false);
    if (found) {
      if (found.kind !== kind) fail(tagTok!.loc, `'${tag}' defined as wrong kind of tag`);
      return found;
    }
    const t = recordType(kind, tag);
    p.declareTag(tag, t);
    return t;
  }
  let t: CType;
  const existing = tag ? p.lookupTag(tag, true) : undefined;
  if (existing && !existing.complete && existing.kind === kind) t = existing;
  else if (existing) fail(tagTok!.loc, `redefinition of '${kind} ${tag}'`);
  else {
    t = recordType(kind, tag);
    if (tag) p.declareTag(tag, t);
  }
  p.expect("{");
  const members = memberList(p);
  skipAttributes(p);
  layoutRecord(t, members);
  return t;
}

function memberList(p: Parser): Member[] {
  const members: Member[] = [];
  while (!p.accept("}")) {
    if (p.is("_Static_assert")) {
      staticAssert(p);
      continue;
    }
    const base = declspec(p);
    if (p.accept(";")) {
      if (base.kind === "struct" || base.kind === "union") {
        members.push({ name: undefined, type: base, offset: 0 });
      }
      continue;
    }
    for (;;) {
      const d = p.is(":") ? { type: base, name: undefined } : declarator(p, base);
      const mt = d.type;
      if (p.accept(":")) {
        const wt = p.tok;
        const w = Number(constInt(p));
        if (mt.kind === "llong") fail(wt.loc, "long long bit-fields are not supported by denix cc");
        if (!["bool", "char", "short", "int", "long", "enum"].includes(mt.kind)) {
          fail(wt.loc, "bit-field has invalid type");
        }
        if (w < 0 || w > mt.size * 8) fail(wt.loc, "width of bit-field exceeds its type");
        if (w === 0 && d.name) fail(wt.loc, "zero width for bit-field");
        members.push({ name: d.name?.text, type: mt, offset: 0, bitWidth: w });
      } else {
        if (mt.kind === "func") fail(d.name?.loc ?? p.tok.loc, "field declared as a function");
        const flexible = mt.kind === "array" && mt.len! < 0 && p.is(";") && p.peek().text === "}";
        if (
          !flexible &&
          ((mt.size === 0 && mt.kind !== "array") || (mt.kind === "array" && mt.len! < 0) ||
            (mt.kind === "struct" && !mt.complete))
        ) {
          fail(d.name?.loc ?? p.tok.loc, `field '${d.name?.text ?? ""}' has incomplete type`);
        }
        members.push({ name: d.name?.text, type: mt, offset: 0 });
      }
      if (!p.accept(",")) break;
    }
    p.expect(";");
  }
  return members;
}

/** Parses an enum specifier after `enum`, declaring its constants in the current scope. */
export function enumSpec(p: Parser): CType {
  const tagTok = p.tok.kind === "ident" ? p.next() : undefined;
  if (tagTok && !p.is("{")) {
    const found = p.lookupTag(tagTok.text);
    if (found) return found;
    const t = enumType(tagTok.text);
    p.declareTag(tagTok.text, t);
    return t;
  }
  const t = enumType(tagTok?.text);
  if (tagTok) p.declareTag(tagTok.text, t);
  p.expect("{");
  let val = 0n;
  while (!p.accept("}")) {
    const name = p.ident();
    if (p.accept("=")) val = constInt(p);
    p.declare(name.text, { enumVal: val, enumType: t });
    val++;
    if (!p.accept(",")) {
      p.expect("}");
      break;
    }
  }
  return t;
}
