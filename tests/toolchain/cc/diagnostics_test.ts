/**
 * Malformed programs produce gcc-style `file:line:col: error:` diagnostics
 * with the source line and a caret, never an exception.
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";

const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ["int main(void) { int x = 1 return x; }", "1:28", "expected ';' before 'return'"],
  ["int main(void) {\n  return y;\n}", "2:10", "'y' undeclared"],
  ["int main(void) { foo(); }", "1:18", "implicit declaration of function 'foo'"],
  ["struct S { int x; }; int f(struct S s) { return s.y; }", "1:51", "has no member named 'y'"],
  ["int main(void) { break; }", "1:18", "break statement not within loop or switch"],
  ['int main(void) { char *s = "abc; }', "1:28", "missing terminating"],
  ["int x; /* open", "1:8", "unterminated comment"],
  ["#if 1\nint x;\n", "1:2", "unterminated conditional directive"],
  ["#include <nonexistent_header.h>\n", "1:2", "nonexistent_header.h: No such file or directory"],
  ["#error custom message\n", "1:2", "#error custom message"],
  ["int f(int); int f(char *p) { return 0; }", "1:17", "conflicting types for 'f'"],
  ["int main(void) { int n = 3; int a[n]; }", "1:35", "variable-length arrays are not supported"],
  ["int main(void) { return 1 +; }", "1:28", "expected expression before ';'"],
  ["int main(void) { goto nowhere; }", "1:23", "label 'nowhere' used but not defined"],
  ["int f(int v) { switch (v) { case 1: case 1: ; } return 0; }", "1:37", "duplicate case value"],
  ["int main(void) { 3 = 4; }", "1:20", "lvalue required"],
  ["int x = 1; int x = 2;", "1:16", "redefinition of 'x'"],
  ["int main(void) { float f = 1; return f % 2; }", "1:40", "invalid operands to binary %"],
  ["#define F(a, b) a\nint x = F(1);\n", "2:9", "macro 'F' requires 2 arguments, but 1 given"],
  ["struct T; struct T t;", "1:20", "storage size of 't' isn't known"],
  ['_Static_assert(1 == 2, "nope");', "1:1", "static assertion failed"],
  ["void f(void) { return 1; }", "1:16", "'return' with a value"],
  ["int main(void) { return _Generic(1.0, int: 2); }", "1:25", "matches no association"],
  ["int main(", "1:10", "expected parameter declaration before end of input"],
  ["int main(void) { 0x; }", "1:18", "invalid integer constant '0x'"],
  ["int a[-1];", "1:7", "size of array is negative"],
  ["int x = @;", "1:9", "stray '@' in program"],
  [
    "struct __attribute__((packed)) s { char c; int i; };",
    "1:23",
    "attribute 'packed' is not supported",
  ],
  ["struct q { unsigned long long a : 3; };", "1:35", "long long bit-fields are not supported"],
  [
    "int main(void) { const int c = 1; c = 2; return c; }",
    "1:37",
    "assignment of read-only location",
  ],
  ['int f(void) { int x; asm("nop" : "=t"(x)); }', "1:34", "unsupported asm constraint"],
  ["#pragma pack(1)\nstruct s { char c; int i; };", "1:9", "#pragma pack is not supported"],
];

for (const [src, at, msg] of CASES) {
  Deno.test(`compile() reports "${msg}" at ${at}`, () => {
    const r = compile(src, { fileName: "bad.c", readFile: () => undefined });
    assert.equal(r.ok, false);
    const d = r.diagnostics.find((x) => x.severity === "error")!;
    assert.ok(d, "an error diagnostic");
    assert.equal(`${d.line}:${d.col}`, at, d.text);
    assert.ok(d.message.includes(msg), d.text);
    const [head, line, caret] = d.text.split("\n");
    assert.ok(head.startsWith(`bad.c:${at}: error: `));
    assert.equal(line, src.split("\n")[d.line - 1]);
    assert.equal(caret, " ".repeat(d.col - 1) + "^");
  });
}

Deno.test("compile() never throws on truncated or corrupted programs", () => {
  const src = Deno.readTextFileSync(new URL("../../fixtures/cc/structs.c", import.meta.url));
  for (let i = 0; i < src.length; i += 13) {
    for (
      const v of [
        src.slice(0, i),
        src.slice(0, i) + "(" + src.slice(i),
        src.slice(0, i) + src.slice(i + 4),
      ]
    ) {
      const r = compile(v, { fileName: "x.c", readFile: () => undefined });
      for (const d of r.diagnostics) {
        assert.ok(d.line > 0 && !d.message.includes("internal"), d.text);
      }
    }
  }
});

Deno.test("#warning produces a warning diagnostic and compilation succeeds", () => {
  const r = compile("#warning careful\nint x;\n", { fileName: "w.c" });
  assert.equal(r.ok, true);
  assert.equal(r.diagnostics[0].severity, "warning");
  assert.ok(r.diagnostics[0].text.startsWith("w.c:1:2: warning: #warning careful"));
});
