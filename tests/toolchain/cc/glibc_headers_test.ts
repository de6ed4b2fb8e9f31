/**
 * denix cc digests the host's real glibc headers (stdio, stdlib, math,
 * setjmp, sys/stat, termios, wchar, ...; `__GNUC__` undefined) and the
 * program, linked statically with glibc, behaves like its gcc -m32 build,
 * which also checks struct layouts such as `struct stat`; setjmp.c checks
 * that volatile locals and functions calling setjmp keep variables in memory.
 */
import assert from "node:assert/strict";
import { compile } from "../../../src/toolchain/cc/mod.ts";
import { FIXTURES, hasGcc32, NO_GCC, run } from "./_host.ts";

const SYSTEM = ["/usr/include/x86_64-linux-gnu", "/usr/include/i386-linux-gnu", "/usr/include"]
  .filter((d) => {
    try {
      return Deno.statSync(d).isDirectory;
    } catch {
      return false;
    }
  });
const hasHeaders = SYSTEM.includes("/usr/include") && SYSTEM.length > 1;

for (const name of ["headers.c", "setjmp.c"]) {
  Deno.test({
    name: `glibc/${name} compiles against host glibc headers and runs like gcc's build${
      !hasGcc32
        ? ` (skipped: ${NO_GCC})`
        : !hasHeaders
        ? " (skipped: no glibc headers in /usr/include)"
        : ""
    }`,
    ignore: !hasGcc32 || !hasHeaders,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "denix-cc-glibc-" });
      try {
        const path = `${FIXTURES}glibc/${name}`;
        const r = compile(Deno.readTextFileSync(path), { fileName: path, systemDirs: SYSTEM });
        assert.ok(r.ok, r.diagnostics.map((d) => d.text).join("\n"));
        await Deno.writeTextFile(`${dir}/h.s`, r.asm);
        const [a, b] = await Promise.all([
          run("gcc", ["-m32", "-static", `${dir}/h.s`, "-o", `${dir}/ours`, "-lm"]),
          run("gcc", ["-m32", "-static", "-w", path, "-o", `${dir}/ref`, "-lm"]),
        ]);
        assert.equal(a.code, 0, a.stderr);
        assert.equal(b.code, 0, b.stderr);
        const [x, y] = await Promise.all([run(`${dir}/ours`, []), run(`${dir}/ref`, [])]);
        assert.equal(`${x.stdout}[${x.code}]`, `${y.stdout}[${y.code}]`);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
