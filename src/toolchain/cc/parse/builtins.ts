/**
 * Compiler builtins used as expressions: `__func__`, `__builtin_offsetof`,
 * `__builtin_unreachable`, `__builtin_trap` (ud2), `__builtin_constant_p`,
 * the stdarg family
 * (`__builtin_va_start/arg/end/copy`, lowered to pointer arithmetic on a
 * `char *` va_list over the caller's argument area) and `__builtin_expect`.
 *
 * Example: `va_arg(ap, double)` → `*(double *)((ap += 8) - 8)`.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node } from "../ast.ts";
import { isRecord, pointerTo, T, typeName } from "../types.ts";
import { evalConst } from "./const_eval.ts";
import { assign, binary, cast, compoundAssign, deref, mk, num, varRef } from "./build.ts";
import { typeName as parseTypeName } from "./decl.ts";
import { assignExpr, constInt, findMember } from "./expr.ts";
import type { Parser } from "./parser.ts";

/** Parses a builtin at `t` (`__func__`, stdarg builtins, `__builtin_expect`), or returns undefined. */
export function builtin(p: Parser, t: Token): Node | undefined {
  switch (t.text) {
    case "__func__":
    case "__FUNCTION__": {
      p.next();
      const name = p.fn?.name ?? "";
      return varRef(t, p.stringLiteral([...new TextEncoder().encode(name)], T.char));
    }
    case "__builtin_offsetof": {
      p.next(), p.expect("(");
      const type = parseTypeName(p);
      p.expect(",");
      let off = 0;
      let cur = type;
      do {
        const name = p.ident();
        const path = isRecord(cur) ? findMember(cur, name.text) : undefined;
        if (!path) fail(name.loc, `'${typeName(cur)}' has no member named '${name.text}'`);
        for (const m of path) off += m.offset, cur = m.type;
        while (p.accept("[")) {
          if (cur.kind !== "array") fail(p.tok.loc, "subscripted value is not an array");
          off += Number(constInt(p)) * cur.base!.size, cur = cur.base!;
          p.expect("]");
        }
      } while (p.accept("."));
      p.expect(")");
      return num(t, off, T.uint);
    }
    case "__builtin_unreachable":
    case "__builtin_trap": {
      p.next(), p.expect("("), p.expect(")");
      return mk(t.text === "__builtin_trap" ? "trap" : "nop", t, T.void);
    }
    case "__builtin_constant_p": {
      p.next(), p.expect("(");
      const e = assignExpr(p);
      p.expect(")");
      const c = evalConst(e);
      return num(t, c && c.label === undefined ? 1 : 0);
    }
    case "__builtin_va_start": {
      p.next(), p.expect("(");
      const ap = assignExpr(p);
      if (p.accept(",")) assignExpr(p);
      p.expect(")");
      if (!p.fn?.type.variadic) fail(t.loc, "'va_start' used in function with fixed arguments");
      return assign(t, ap, mk("va_start", t, pointerTo(T.char)));
    }
    case "__builtin_va_arg": {
      p.next(), p.expect("(");
      const ap = assignExpr(p);
      p.expect(",");
      const type = parseTypeName(p);
      p.expect(")");
      const size = Math.ceil(type.size / 4) * 4;
      const bumped = compoundAssign(p, "add", t, ap, num(t, size));
      const at = binary("sub", t, bumped, num(t, size));
      return deref(t, cast(at, pointerTo(type)));
    }
    case "__builtin_va_end": {
      p.next(), p.expect("(");
      const ap = assignExpr(p);
      p.expect(")");
      return cast(ap, T.void);
    }
    case "__builtin_va_copy": {
      p.next(), p.expect("(");
      const d = assignExpr(p);
      p.expect(",");
      const s = assignExpr(p);
      p.expect(")");
      return assign(t, d, s);
    }
    case "__builtin_expect": {
      p.next(), p.expect("(");
      const a = assignExpr(p);
      p.expect(",");
      assignExpr(p);
      p.expect(")");
      return a;
    }
  }
  return undefined;
}
