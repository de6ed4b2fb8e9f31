/**
 * Compiler builtins used as expressions: `__func__`, the stdarg family
 * (`__builtin_va_start/arg/end/copy`, lowered to pointer arithmetic on a
 * `char *` va_list over the caller's argument area) and `__builtin_expect`.
 *
 * Example: `va_arg(ap, double)` → `*(double *)((ap += 8) - 8)`.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node } from "../ast.ts";
import { pointerTo, T } from "../types.ts";
import { assign, binary, cast, compoundAssign, deref, mk, num, varRef } from "./build.ts";
import { typeName as parseTypeName } from "./decl.ts";
import { assignExpr } from "./expr.ts";
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
