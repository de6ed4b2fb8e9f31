/**
 * Denix libc programs built by denix cc/as/ld, run under denix itself
 * (`denix exec`, the emulated i386 + kernel) and compared with the glibc
 * build run natively. Only programs whose needs the emulator meets today are
 * listed: no x87 yet (floating point), no /proc/self/exe or /bin/sh, and the
 * malloc stress is too slow for the interpreter.
 */
import { strictEqual } from "node:assert/strict";
import { buildGlibc, hasGcc32, run, SKIP_REASON } from "./_build.ts";
import { buildOursDenix } from "./_denix_build.ts";

const FIXTURES = new URL("../../fixtures/libc/", import.meta.url).pathname;
const MAIN = new URL("../../../main.ts", import.meta.url).pathname;
const PROGRAMS = ["ctype.c", "dirent.c", "signals.c", "stdio.c", "string.c", "tls.c"];

for (const name of PROGRAMS) {
  Deno.test({
    name: `${name} under denix exec prints what the glibc build prints natively`,
    ignore: !hasGcc32,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "denix_libc_exec_" });
      try {
        await buildOursDenix(`${FIXTURES}${name}`, `${dir}/ours`);
        await buildGlibc(`${FIXTURES}${name}`, `${dir}/glibc`);
        Deno.mkdirSync(`${dir}/a`);
        Deno.mkdirSync(`${dir}/b`);
        const theirs = await run(`${dir}/glibc`, [], { cwd: `${dir}/a`, stdin: "" });
        const ours = await run(Deno.execPath(), ["run", "-A", MAIN, "exec", `${dir}/ours`], {
          cwd: `${dir}/b`,
          stdin: "",
        });
        strictEqual(ours.stdout, theirs.stdout, ours.stderr);
        strictEqual(ours.code, theirs.code);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

if (!hasGcc32) console.log(`libc under denix skipped: ${SKIP_REASON}`);
