/**
 * Properties of the generated assembly that the run-time oracles cannot see:
 * symbol visibility and which functions are emitted at all.
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";

function asm(src: string): string {
  const r = compile(src, { fileName: "t.c", readFile: () => undefined });
  assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
  return r.asm;
}

Deno.test("a C99 inline definition is used locally and provides no external symbol", () => {
  const s = asm("inline int twice(int x) { return 2 * x; }\nint main(void) { return twice(2); }");
  assert.match(s, /^twice:/m);
  assert.doesNotMatch(s, /\.globl twice/);
});

Deno.test("extern inline and plain definitions are global", () => {
  const s = asm("extern inline int f(void) { return 1; }\nint g(void) { return f(); }");
  assert.match(s, /\.globl f/);
  assert.match(s, /\.globl g/);
});

Deno.test("unreferenced static functions are not emitted", () => {
  const s = asm(
    "extern int nowhere;\nstatic inline int h(void) { return nowhere; }\nint main(void) { return 0; }",
  );
  assert.doesNotMatch(s, /nowhere|^h:/m);
});

Deno.test("an asm label renames the symbol a declaration refers to", () => {
  const s = asm(
    'int my_puts(const char *s) __asm__("puts");\nint main(void) { return my_puts("x"); }',
  );
  assert.match(s, /call puts/);
});

Deno.test("string literals go to .rodata and tentative definitions to .bss", () => {
  const s = asm('const char *p = "lit";\nint t;\nint main(void) { return t; }');
  assert.match(s, /\.section \.rodata\n(?:.*\n)*?\.LC\d+:/);
  assert.match(s, /\.bss\n\t\.globl t/);
});
