/** Lexer: statements, comments, strings, numbers, registers and token locations. */

import assert from "node:assert/strict";
import { lex } from "../../../src/toolchain/as/lexer.ts";

function kinds(src: string): string[][] {
  return lex(src, "t.s").map((st) => st.tokens.map((t) => `${t.t}:${t.t === "num" ? t.num : t.v}`));
}

Deno.test("lex() splits statements at newlines and semicolons, dropping comments", () => {
  assert.deepEqual(kinds("nop; ret # c\n/* a\nb */ hlt"), [["ident:nop"], ["ident:ret"], [
    "ident:hlt",
  ]]);
});

Deno.test("lex() reads numbers in every base, character constants and local label refs", () => {
  assert.deepEqual(kinds("0x1F 017 0b101 42 'a '\\n 1b 2f"), [[
    "num:31",
    "num:15",
    "num:5",
    "num:42",
    "num:97",
    "num:10",
    "local:b",
    "local:f",
  ]]);
});

Deno.test("lex() decodes string escapes to bytes", () => {
  const [st] = lex('.ascii "a\\tb\\101\\x42\\\\\\""', "t.s");
  assert.equal(st.tokens[1].v, 'a\tbAB\\"');
});

Deno.test("lex() lower-cases registers and keeps two-character operators", () => {
  assert.deepEqual(kinds("%EAX << >> == != <= >= && || <>"), [[
    "reg:eax",
    "punct:<<",
    "punct:>>",
    "punct:==",
    "punct:!=",
    "punct:<=",
    "punct:>=",
    "punct:&&",
    "punct:||",
    "punct:!=",
  ]]);
});

Deno.test("lex() records 1-based line and column of every token", () => {
  const sts = lex("nop\n  movl $1, %eax", "f.s");
  const t = sts[1].tokens[3];
  assert.deepEqual([t.loc.file, t.loc.line, t.loc.col, t.v], ["f.s", 2, 10, ","]);
  assert.deepEqual(sts[1].loc, { file: "f.s", line: 2, col: 3 });
});

Deno.test("lex() keeps line numbers right after a multi-line comment", () => {
  const sts = lex("/* one\ntwo\nthree */ nop\nret", "t.s");
  assert.deepEqual(sts.map((s) => [s.loc.line, s.loc.col]), [[3, 10], [4, 1]]);
});

Deno.test("lex() treats '/' at the start of a line as a comment but not mid-line", () => {
  assert.deepEqual(kinds("/ note\n  / also\n.long 6/2"), [[
    "ident:.long",
    "num:6",
    "punct:/",
    "num:2",
  ]]);
});
