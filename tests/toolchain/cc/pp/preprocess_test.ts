/**
 * Preprocessor unit tests: worked examples from C11 6.10.3.5, `#` and `##`,
 * variadic macros, conditionals, includes and predefined macros.
 */
import assert from "node:assert/strict";
import { preprocess } from "../../../../src/toolchain/cc/pp/preprocess.ts";
import { renderTokens } from "../../../../src/toolchain/cc/mod.ts";

function pp(text: string, files: Record<string, string> = {}): string {
  const toks = preprocess({ name: "t.c", text }, {
    includeDirs: ["inc"],
    systemDirs: [],
    defines: {},
    readFile: (p) => files[p],
    now: new Date(2026, 0, 5, 7, 8, 9),
  });
  return toks.filter((t) => t.kind !== "eof").map((t) => t.text).join(" ");
}

Deno.test("preprocess() expands C11 6.10.3.5 EXAMPLE 3 like the standard", () => {
  const src = `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };`;
  const want = "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);" +
    "f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);" +
    'int i[] = { 1, 23, 4, 5, }; char c[2][6] = { "hello", "" };';
  assert.equal(pp(src).replace(/ /g, ""), want.replace(/ /g, ""));
});

Deno.test("preprocess() handles EXAMPLE 4: # and ## with hash_hash", () => {
  const src = `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
glue(HIGH, LOW);
xglue(HIGH, LOW)
#define hash_hash # ## #
#define mkstr(a) # a
#define in_between(a) mkstr(a)
#define join(c, d) in_between(c hash_hash d)
char p[] = join(x, y);`;
  assert.equal(
    pp(src),
    'printf ( "x" "1" "= %d, x" "2" "= %s" , x1 , x2 ) ; "hello" ; "hello" ", world" char p [ ] = "x ## y" ;',
  );
});

Deno.test("preprocess() handles EXAMPLE 7: variadic macros and __VA_ARGS__", () => {
  const src = `#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test): printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);`;
  assert.equal(
    pp(src),
    'fprintf ( stderr , "Flag" ) ; fprintf ( stderr , "X = %d\\n" , x ) ; ' +
      'puts ( "The first, second, and third items." ) ; ' +
      '( ( x > y ) ? puts ( "x>y" ) : printf ( "x is %d but y is %d" , x , y ) ) ;',
  );
});

Deno.test("preprocess() stringizes string literals with escapes", () => {
  assert.equal(pp('#define s(x) #x\ns("a\\n" \'"\')'), '"\\"a\\\\n\\" \'\\"\'"');
});

Deno.test("preprocess() elides the comma in GNU , ## __VA_ARGS__", () => {
  assert.equal(pp("#define e(f, ...) g(f, ## __VA_ARGS__)\ne(1) e(1, 2)"), "g ( 1 ) g ( 1 , 2 )");
});

Deno.test("preprocess() evaluates #if with defined, arithmetic and unsigned rules", () => {
  const src = `#define A 2
#if defined(A) && A * 3 == 6 && !defined B
yes1
#endif
#if (1 ? -1 : 0u) > 0
yes2
#else
no2
#endif
#if 0
#if 1
bad
#endif
#elif A == 2
yes3
#else
bad
#endif
#ifndef A
bad
#elif 'a' == 97 && (0x10 >> 2) == 4 && -1 < 0
yes4
#endif`;
  assert.equal(pp(src), "yes1 yes2 yes3 yes4");
});

Deno.test("preprocess() searches include dirs and honours #pragma once", () => {
  const files = { "inc/a.h": "#pragma once\nint a;\n", "inc/b.h": '#include "a.h"\nint b;\n' };
  assert.equal(pp('#include <a.h>\n#include "b.h"\n#include <a.h>\n', files), "int a ; int b ;");
});

Deno.test("preprocess() provides built-in headers such as stddef.h", () => {
  assert.ok(pp("#include <stddef.h>\nsize_t").includes("typedef unsigned int size_t"));
});

Deno.test("preprocess() defines the target macros and not __GNUC__", () => {
  const src = `__i386__ __linux__ __STDC_VERSION__ __SIZEOF_LONG__ __CHAR_BIT__ __INT_MAX__
#ifdef __GNUC__
gnuc
#endif`;
  assert.equal(pp(src), "1 1 201112L 4 8 0x7fffffff");
});

Deno.test("preprocess() implements __LINE__, __FILE__, #line, __DATE__ and __TIME__", () => {
  assert.equal(pp('__LINE__ __FILE__\n#line 100 "x.c"\n__LINE__ __FILE__'), '1 "t.c" 100 "x.c"');
  assert.equal(pp("__DATE__ __TIME__"), '"Jan  5 2026" "07:08:09"');
});

Deno.test("preprocess() does not expand a function-like macro name without arguments", () => {
  assert.equal(pp("#define f(x) x+1\nf f(2) (f)"), "f 2 + 1 ( f )");
});

Deno.test("preprocess() stops recursive self-reference", () => {
  assert.equal(pp("#define foo a foo b\n#define a foo\nfoo"), "foo foo b");
});

Deno.test("renderTokens() keeps line structure for -E output", () => {
  const toks = preprocess({ name: "t.c", text: "#define X 1\nint a = X;\n\nint b;\n" }, {
    includeDirs: [],
    systemDirs: [],
    defines: {},
    readFile: () => undefined,
  });
  assert.equal(renderTokens(toks), '# 2 "t.c"\nint a = 1;\n\nint b;\n');
});
