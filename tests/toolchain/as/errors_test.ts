/**
 * Error handling: malformed input yields diagnostics naming file, line and column, all
 * errors of a file are reported together, and nothing but AsmError ever escapes (a
 * token-soup fuzzer checks the latter).
 */

import assert from "node:assert/strict";
import {
  AsmError,
  assemble,
  assembleFlat,
  formatDiagnostic,
} from "../../../src/toolchain/as/mod.ts";

function errorsOf(src: string, flat = false): string[] {
  try {
    if (flat) assembleFlat(src, { fileName: "t.s" });
    else assemble(src, { fileName: "t.s" });
  } catch (e) {
    if (!(e instanceof AsmError)) throw e;
    return e.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  }
  return [];
}

const CASES: [string, string][] = [
  ["nop\n  movq %rax, %rbx", "t.s:2:3: error: unknown instruction 'movq'"],
  ["movl $1, %eaz", "t.s:1:10: error: bad register name '%eaz'"],
  ["inc (%eax)", "t.s:1:1: error: ambiguous operand size for 'inc' (add a b/w/l suffix)"],
  ["movl %al, %ebx", "t.s:1:1: error: operand type mismatch for 'movl'"],
  ["jmp 1b", "t.s:1:5: error: undefined local label '1b'"],
  ["a: nop\na: nop", "t.s:2:1: error: symbol 'a' is already defined"],
  ['.ascii "abc', "t.s:1:8: error: unterminated string"],
  [".frobnicate 3", "t.s:1:1: error: unknown directive '.frobnicate'"],
  [".byte later\n.equ later, 300", "t.s:1:7: error: value 300 does not fit (8-bit field)"],
  ["movl $1, %eax junk", "t.s:1:15: error: junk 'junk' after operand"],
  [".align 3", "t.s:1:1: error: alignment must be a power of two"],
  ["movl $1/0, %eax", "t.s:1:7: error: division by zero"],
  ["1: .fill 200,1,0x90\n loop 1b", "t.s:2:2: error: branch target out of range (8-bit field)"],
  [".byte x*2", "t.s:1:7: error: expression is not constant for '*' ('x')"],
  ["movl (%eax,%esp), %ebx", "t.s:1:1: error: %esp cannot be an index register"],
  ["movl 4(%eax,%ebx,3), %ecx", "t.s:1:18: error: scale factor must be 1, 2, 4 or 8"],
  [".bss\n.byte 1", "t.s:2:1: error: section '.bss' holds no data (use .zero/.space)"],
  ["/* never closed", "t.s:1:1: error: unterminated comment"],
  ["movl $1, ", "t.s:1:9: error: expected expression"],
  [".intel_syntax noprefix", "t.s:1:1: error: Intel syntax is not supported"],
  [".endif", "t.s:1:1: error: .endif without .if"],
  ["nop\n.macro M\nnop", "t.s:2:1: error: .macro without .endm"],
  [".rept x\nnop\n.endr", "t.s:1:1: error: expression must be constant"],
  [".macro M a\n  movq \\a, %eax\n.endm\nM 1", "t.s:2:3: error: unknown instruction 'movq'"],
  [".if 1\nnop", "t.s:1:1: error: .if without .endif"],
  ["movl %cs:4, %eax ` x", "t.s:1:18: error: unexpected character '`'"],
];

for (const [src, want] of CASES) {
  Deno.test(`assemble() reports "${want.replace(/^t\.s:\d+:\d+: error: /, "")}"`, () => {
    assert.deepEqual(errorsOf(src), [want]);
  });
}

Deno.test("assemble() truncates oversized constants with a warning, as GNU as does", () => {
  const warnings: string[] = [];
  const obj = assemble("movb $300, %al\n.byte 256", {
    fileName: "w.s",
    onWarning: (d) => warnings.push(formatDiagnostic(d)),
  });
  assert.deepEqual([...obj.sections[0].bytes], [0xb0, 0x2c, 0x00]);
  assert.deepEqual(warnings, [
    "w.s:1:1: warning: value 300 shortened to 44 (8-bit field)",
    "w.s:2:1: warning: value 256 shortened to 0 (8-bit field)",
  ]);
});

Deno.test("assembleFlat() reports undefined symbols at their use", () => {
  assert.deepEqual(errorsOf("nop\ncall missing", true), [
    "t.s:2:1: error: undefined symbol 'missing'",
  ]);
});

Deno.test("assemble() reports every bad line of a file, in order", () => {
  const errs = errorsOf("bogus1\nnop\nbogus2 %eax\n.long 1,\nret");
  assert.equal(errs.length, 3);
  assert.match(errs[0], /^t\.s:1:1: error: unknown instruction 'bogus1'/);
  assert.match(errs[1], /^t\.s:3:1: error: unknown instruction 'bogus2'/);
  assert.match(errs[2], /^t\.s:4:/);
});

Deno.test("AsmError.message lists the formatted errors", () => {
  try {
    assemble("xyz", { fileName: "m.s" });
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof AsmError);
    assert.equal(e.message, "m.s:1:1: error: unknown instruction 'xyz'");
  }
});

const SOUP = [
  "movl",
  "addb",
  "jmp",
  "call",
  "lea",
  ".long",
  ".byte",
  ".section",
  ".align",
  ".set",
  "x",
  "1b",
  "1f",
  "1:",
  "foo:",
  "%eax",
  "%al",
  "%gs",
  "%xyz",
  "$",
  "(",
  ")",
  ",",
  ":",
  "*",
  "+",
  "-",
  "/",
  "<<",
  "4",
  "0x10",
  "'a",
  '"s"',
  "#",
  ";",
  ".",
  "=",
  "rep",
  "lock",
  "%ebp",
  "%esp",
  "~",
  "@",
  ".if",
  ".endif",
  ".else",
  ".macro",
  ".endm",
  ".rept",
  ".endr",
  ".irp",
  "\\x",
  "\\@",
  "M",
  ".org",
  "@GOT",
  "foo@PLT",
  "%st(1)",
  "fld",
];

Deno.test("assemble() never throws anything but AsmError on token soup", () => {
  let seed = 1;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    const lines = Array.from(
      { length: 1 + rnd(4) },
      () => Array.from({ length: 1 + rnd(7) }, () => SOUP[rnd(SOUP.length)]).join(" "),
    );
    const src = lines.join("\n");
    try {
      assemble(src);
      assembleFlat(src);
    } catch (e) {
      if (!(e instanceof AsmError)) {
        throw new Error(`non-AsmError for ${JSON.stringify(src)}: ${e}`);
      }
    }
  }
});

Deno.test("assemble() never throws anything but AsmError on random characters", () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const chars = "abelmovx%$()[],:;#/*\\\"'.0123456789+-<>=!&|^~@ \t\n";
  for (let i = 0; i < 3000; i++) {
    const src = Array.from({ length: 1 + rnd(60) }, () => chars[rnd(chars.length)]).join("");
    try {
      assemble(src);
    } catch (e) {
      if (!(e instanceof AsmError)) {
        throw new Error(`non-AsmError for ${JSON.stringify(src)}: ${e}`);
      }
    }
  }
});
