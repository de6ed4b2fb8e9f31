/**
 * Guest C programs (gcc -m32 -static, glibc) print the same bytes and exit with the
 * same status under denix as natively on this Linux host.
 */
import assert from "node:assert/strict";
import {
  compile,
  HAS_GCC32,
  type Libc,
  MUSL_SYSROOT,
  NO_GCC,
  NO_MUSL,
  runDenix,
  runNative,
} from "./_guest.ts";

const CASES: [string, string[], string?][] = [
  ["hello", ["one", "4"]],
  ["fork_wait", []],
  ["signals", []],
  ["memory", []],
  ["files", []],
  ["pipes_exec", []],
  ["exec_cases", []],
  ["interrupts", []],
  ["preempt", []],
  ["initial_stack", ["a", "bb", "ccc"]],
  ["perms", []],
  ["efault", []],
  ["stdin_io", [], "hello from the host's standard input\nsecond line\n"],
];

const LIBCS: [Libc, boolean][] = [["glibc", HAS_GCC32], ["musl", MUSL_SYSROOT !== null]];

for (const [libc, available] of LIBCS) {
  for (const [name, args, stdin] of CASES) {
    Deno.test({
      name: `${name}.c (${libc}) prints the same under denix as natively`,
      ignore: !available,
      fn: () => compare(name, libc, args, stdin),
    });
  }
}

Deno.test({
  name: "a static-pie executable runs at its load bias like natively",
  ignore: !HAS_GCC32,
  fn: () => compare("hello", "glibc-pie", ["pie", "3"]),
});

async function compare(name: string, libc: Libc, args: string[], stdin?: string) {
  const exe = compile(name, libc);
  const native = await runNative(exe, args, stdin);
  const denix = await runDenix(exe, args, stdin === undefined ? {} : { stdin });
  assert.equal(denix.stdout, native.stdout);
  assert.equal(denix.stderr, native.stderr);
  assert.equal(denix.code, native.code);
}

if (!HAS_GCC32) console.log(`guest program tests skipped: ${NO_GCC}`);
if (!MUSL_SYSROOT) console.log(`musl guest program tests skipped: ${NO_MUSL}`);
