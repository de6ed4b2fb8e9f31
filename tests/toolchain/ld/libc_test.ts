/**
 * Real C libraries through denix ld: a hosted program (tests/fixtures/ld/libc_prog.c)
 * compiled by gcc -m32 and linked by us against
 *   - glibc's static libc.a with gcc's crt files and libgcc (IFUNC string functions,
 *     IRELATIVE, TLS, orphan sections with __start_/__stop_), archives grouped as gcc
 *     does with --start-group; the oracle is `gcc -m32 -static`;
 *   - musl's libc.a from an i386 musl sysroot (DENIX_MUSL_SYSROOT, else /usr, the
 *     convention of tests/kernel), in command-line order; the oracle is GNU ld.
 * Output and exit status must match, and readelf/objdump must accept ours silently.
 */

import assert from "node:assert/strict";
import { link, type LinkInput, type LinkOptions } from "../../../src/toolchain/ld/mod.ts";
import {
  assertToolsAccept,
  canRunI386,
  FIXTURES,
  hasBinutils,
  hasGcc32,
  requires,
  runExe,
  sh,
  withTempDir,
} from "./_host.ts";

const PROG = `${FIXTURES}libc_prog.c`;

/** Path of a gcc -m32 support file, or null if gcc does not know it. */
function gccFile(name: string): string | null {
  if (!hasGcc32) return null;
  const r = new Deno.Command("gcc", { args: ["-m32", `-print-file-name=${name}`], stdout: "piped" })
    .outputSync();
  const p = new TextDecoder().decode(r.stdout).trim();
  return p.includes("/") ? p : null;
}

const GLIBC = [
  "crt1.o",
  "crti.o",
  "crtbeginT.o",
  "libgcc.a",
  "libgcc_eh.a",
  "libc.a",
  "crtend.o",
  "crtn.o",
]
  .map(gccFile);
const hasGlibc = requires("ld glibc test", {
  "no GNU binutils": hasBinutils,
  "host cannot run i386 executables": canRunI386,
  "no gcc -m32 -static with glibc (gcc-multilib)": GLIBC.every((p) => p !== null) &&
    hasTool32Static(),
});

function hasTool32Static(): boolean {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/t.c`, "int main(void){return 0;}\n");
    const args = ["-m32", "-static", "-o", `${dir}/t`, `${dir}/t.c`];
    return new Deno.Command("gcc", { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

const MUSL_ROOT = (() => {
  const root = Deno.env.get("DENIX_MUSL_SYSROOT") ?? "/usr";
  try {
    Deno.statSync(`${root}/lib/i386-linux-musl/libc.a`);
    return root;
  } catch {
    return null;
  }
})();

async function readInputs(paths: string[]): Promise<LinkInput[]> {
  return await Promise.all(paths.map(async (p) => ({ name: p, bytes: await Deno.readFile(p) })));
}

async function linkAndCompare(dir: string, paths: string[], ref: string, opts: LinkOptions) {
  const ours = `${dir}/ours`;
  await Deno.writeFile(ours, link(await readInputs(paths), opts), { mode: 0o755 });
  const want = await runExe(ref), got = await runExe(ours);
  assert.equal(got.stdout, want.stdout);
  assert.equal(got.code, want.code);
  assert.equal(got.code, 4);
  assert.match(got.stdout, /^memcpy works$/m);
  assert.match(got.stdout, /^tls=33$/m);
  assert.match(got.stdout, /atexit handler\n$/);
  await assertToolsAccept(ours);
}

Deno.test({
  name: "a glibc static program linked by denix ld behaves like gcc -static's",
  ignore: !hasGlibc,
  async fn() {
    await withTempDir(async (dir) => {
      const o = `${dir}/prog.o`, ref = `${dir}/ref`;
      await sh("gcc", ["-m32", "-O1", "-fno-pie", "-c", "-o", o, PROG]);
      await sh("gcc", ["-m32", "-static", "-fno-pie", "-o", ref, o]);
      const [crt1, crti, begin, libgcc, eh, libc, end, crtn] = GLIBC as string[];
      const paths = [crt1, crti, begin, o, libgcc, eh, libc, end, crtn];
      await linkAndCompare(dir, paths, ref, { archives: "grouped" });
    });
  },
});

Deno.test({
  name: "a musl static program linked by denix ld behaves like GNU ld's",
  ignore: !requires("ld musl test", {
    "no i386 musl sysroot (DENIX_MUSL_SYSROOT or musl-dev:i386)": MUSL_ROOT !== null,
    "no gcc -m32 with libgcc": gccFile("libgcc.a") !== null,
    "no GNU binutils": hasBinutils,
    "host cannot run i386 executables": canRunI386,
  }),
  async fn() {
    const lib = `${MUSL_ROOT}/lib/i386-linux-musl`;
    await withTempDir(async (dir) => {
      const o = `${dir}/prog.o`, ref = `${dir}/ref`;
      const inc = ["-nostdinc", "-isystem", `${MUSL_ROOT}/include/i386-linux-musl`];
      inc.push("-isystem", gccFile("include")!);
      await sh("gcc", ["-m32", "-O1", "-fno-pie", ...inc, "-c", "-o", o, PROG]);
      const paths = [
        `${lib}/crt1.o`,
        `${lib}/crti.o`,
        o,
        `${lib}/libc.a`,
        gccFile("libgcc.a")!,
        `${lib}/crtn.o`,
      ];
      await sh("ld", ["-m", "elf_i386", "-static", "-o", ref, ...paths]);
      await linkAndCompare(dir, paths, ref, {});
    });
  },
});
