/**
 * Guest C programs (gcc -m32 -static, glibc) print the same bytes and exit with the
 * same status under denix as natively on this Linux host.
 */
import assert from "node:assert/strict";
import { compile, HAS_GCC32, NO_GCC, runDenix, runNative } from "./_guest.ts";

const CASES: [string, string[], string?][] = [
  ["hello", ["one", "4"]],
  ["fork_wait", []],
  ["signals", []],
  ["memory", []],
  ["files", []],
  ["pipes_exec", []],
];

for (const [name, args, stdin] of CASES) {
  Deno.test({
    name: `${name}.c prints the same under denix as natively`,
    ignore: !HAS_GCC32,
    async fn() {
      const exe = compile(name);
      const native = await runNative(exe, args, stdin);
      const denix = await runDenix(exe, args, stdin === undefined ? {} : { stdin });
      assert.equal(denix.stdout, native.stdout);
      assert.equal(denix.stderr, native.stderr);
      assert.equal(denix.code, native.code);
    },
  });
}

if (!HAS_GCC32) console.log(`guest program tests skipped: ${NO_GCC}`);
