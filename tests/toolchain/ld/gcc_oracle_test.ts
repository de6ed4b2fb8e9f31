/**
 * Oracle tests: freestanding C programs (tests/fixtures/ld, with a tiny crt that sets
 * up TLS with set_thread_area and runs init/fini arrays) compiled by gcc -m32 as
 * non-PIC and as PIE code, linked by denix ld and by GNU ld (`ld -m elf_i386 -static`).
 * Both executables run natively; output and exit status must be equal, and readelf /
 * objdump must read ours silently. The same sources also go through gcc -S and denix's
 * assembler into in-memory ObjectFiles, linked without any ELF round trip. The PIE objects exercise R_386_GOTPC, GOTOFF,
 * GOT32X, PLT32, TLS_GOTIE and COMDAT __x86.get_pc_thunk groups; the PIC ones also
 * TLS_GD/TLS_LDM/TLS_LDO_32 sequences, relaxed to local-exec.
 */

import assert from "node:assert/strict";
import { assemble } from "../../../src/toolchain/as/mod.ts";
import { link } from "../../../src/toolchain/ld/mod.ts";
import { readExe } from "./_exe.ts";
import {
  assertToolsAccept,
  canRunI386,
  cflags,
  compile,
  FIXTURES,
  hasBinutils,
  hasGcc32,
  hasTool,
  type Model,
  requires,
  runExe,
  sh,
  withTempDir,
} from "./_host.ts";

const ready = requires("ld gcc/GNU ld oracle tests", {
  "no gcc -m32": hasGcc32,
  "no GNU binutils": hasBinutils,
  "host cannot run i386 executables": canRunI386,
});

/**
 * Programs: object files (besides crt), facts the output must show, and lines where
 * GNU ld is known to differ (left out of the comparison).
 */
/** Code models: -fPIC adds general/local-dynamic TLS sequences the linker relaxes. */
const MODELS: Model[] = ["-fno-pic", "-fpie", "-fPIC"];

interface Program {
  files: string[];
  code: number;
  expect: RegExp[];
  gnuDiffers?: RegExp;
  /** Not assembled by denix as: its object model has no IFUNC symbol type. */
  gccObjectsOnly?: boolean;
}

const PROGRAMS: Record<string, Program> = {
  basic: {
    files: ["basic_main", "basic_util"],
    code: 42,
    expect: [/^hello from a linked program$/m, /^add3=13$/m, /^fib=6765$/m, /^bss zero=36$/m],
  },
  symbols: {
    files: ["sym_main", "sym_other", "sym_strong"],
    code: 0,
    expect: [
      /^buffer_sum=2016$/m,
      /^hook=2$/m,
      /^fallback=5$/m,
      /^missing is null=1$/m,
      /^aligned=1$/m,
    ],
  },
  tls: {
    files: ["tls_main", "tls_other"],
    code: 25,
    expect: [
      /^tcount=25$/m,
      /^tls$/m,
      /^tzero=0$/m,
      /^talign aligned=1$/m,
      /^other=106$/m,
      /^pair=102214$/m,
    ],
  },
  init: {
    files: ["init_main", "init_other"],
    code: 3,
    expect: [
      /^preinit\nctor 101\nctor 200 \(other\)\nctor 300\nctor default\nctor default \(other\)\nmain\n/,
      /dtor default\ndtor 150 \(other\)\ndtor 150\n$/,
    ],
  },
  ifunc: {
    files: ["ifunc_main", "ifunc_other"],
    code: 0,
    expect: [
      /^scale=21\nother=1007\nvia other object=16\npointer=6\nsame address=1\nresolved once=1\n$/,
    ],
    // GNU ld's static PIE-code GOT entries for IFUNCs hold the resolved target, not the
    // .iplt stub, so &scale differs between objects; ours keeps one canonical address.
    gnuDiffers: /^same address=.*\n/m,
    gccObjectsOnly: true,
  },
};

function comparable(out: string, differs: RegExp | undefined): string {
  return differs ? out.replace(differs, "") : out;
}

for (const [name, prog] of Object.entries(PROGRAMS)) {
  Deno.test({
    name:
      `link() output of the ${name} program behaves like GNU ld's (non-PIC, PIE and PIC objects)`,
    ignore: !ready,
    async fn() {
      await withTempDir(async (dir) => {
        for (const model of MODELS) {
          const objs = [];
          for (const f of ["crt", ...prog.files]) objs.push(await compile(dir, f, model));
          const gnu = `${dir}/gnu${model}`, ours = `${dir}/ours${model}`;
          await sh("ld", ["-m", "elf_i386", "-static", "-o", gnu, ...objs]);
          const inputs = await Promise.all(
            objs.map(async (o) => ({ name: o, bytes: await Deno.readFile(o) })),
          );
          await Deno.writeFile(ours, link(inputs), { mode: 0o755 });
          const want = await runExe(gnu), got = await runExe(ours);
          const differs = prog.gnuDiffers;
          assert.equal(
            comparable(got.stdout, differs),
            comparable(want.stdout, differs),
            `${name}${model}`,
          );
          assert.equal(got.code, want.code, `${name}${model} exit status`);
          assert.equal(got.code, prog.code);
          for (const re of prog.expect) assert.match(got.stdout, re);
          await assertToolsAccept(ours);
        }
      });
    },
  });
}

/** gcc -S, then denix's assembler: in-memory objects straight into link(). */
async function assembleWithOurs(dir: string, f: string, model: Model) {
  const s = `${dir}/${f}${model}.s`;
  await sh("gcc", [...cflags(model), "-S", "-o", s, `${FIXTURES}${f}.c`]);
  return { name: `${f}.o`, object: assemble(await Deno.readTextFile(s), { fileName: s }) };
}

for (const [name, prog] of Object.entries(PROGRAMS)) {
  if (prog.gccObjectsOnly) continue;
  Deno.test({
    name: `in-memory objects from denix's assembler link into the ${name} program GNU ld builds`,
    ignore: !ready,
    async fn() {
      await withTempDir(async (dir) => {
        for (const model of MODELS) {
          const files = ["crt", ...prog.files];
          const objs = await Promise.all(files.map((f) => compile(dir, f, model)));
          const gnu = `${dir}/gnu${model}`, ours = `${dir}/ours${model}`;
          await sh("ld", ["-m", "elf_i386", "-static", "-o", gnu, ...objs]);
          const inputs = await Promise.all(files.map((f) => assembleWithOurs(dir, f, model)));
          await Deno.writeFile(ours, link(inputs), { mode: 0o755 });
          const [got, want] = [await runExe(ours), await runExe(gnu)];
          assert.equal(got.code, want.code, `${name}${model} exit status`);
          const differs = prog.gnuDiffers;
          assert.equal(
            comparable(got.stdout, differs),
            comparable(want.stdout, differs),
            `${name}${model}`,
          );
          for (const re of prog.expect) assert.match(got.stdout, re);
        }
      });
    },
  });
}

Deno.test({
  name:
    "DWARF from gcc -g survives linking: readelf and gdb read it silently, addr2line agrees with GNU ld",
  ignore: !ready,
  async fn() {
    await withTempDir(async (dir) => {
      const objs = [];
      for (const f of ["crt", "basic_main", "basic_util"]) {
        const o = `${dir}/${f}.o`;
        // Default unwind tables too: .eh_frame is kept and relocated.
        const flags = cflags("-fno-pic").filter((x) => x !== "-fno-asynchronous-unwind-tables");
        await sh("gcc", [...flags, "-g", "-c", "-o", o, `${FIXTURES}${f}.c`]);
        objs.push(o);
      }
      const gnu = `${dir}/gnu`, ours = `${dir}/ours`;
      await sh("ld", ["-m", "elf_i386", "-static", "-o", gnu, ...objs]);
      const inputs = await Promise.all(
        objs.map(async (o) => ({ name: o, bytes: await Deno.readFile(o) })),
      );
      const bytes = link(inputs);
      await Deno.writeFile(ours, bytes, { mode: 0o755 });
      assert.deepEqual(await runExe(ours), await runExe(gnu));
      const dump = await sh("readelf", ["--debug-dump", "-W", ours], false);
      assert.equal(dump.stderr, "");
      assert.match(dump.stdout, /DW_TAG_compile_unit/);
      const funcs = ["fib", "add3", "main", "__crt_main", "print_int", "print_str"];
      const lines = async (exe: string) => {
        const syms = readExe(await Deno.readFile(exe)).symbols;
        const addrs = funcs.map((f) => syms.get(f)!.value.toString(16));
        return (await sh("addr2line", ["-e", exe, ...addrs])).stdout;
      };
      const ourLines = await lines(ours);
      assert.doesNotMatch(ourLines, /\?\?/);
      assert.equal(ourLines, await lines(gnu));
      if (hasTool("gdb")) {
        const args = ["-batch", "-nx", "-ex", "info line fib", "-ex", "ptype counter", ours];
        const g = await sh("gdb", args, false);
        assert.equal(g.stderr, "", "gdb reads our executable without complaint");
        assert.match(g.stdout, /^Line 6 of ".*basic_util\.c" starts at address/m);
        assert.match(g.stdout, /^type = int$/m);
      }
      const stripped = readExe(link(inputs, { strip: true }));
      assert.ok(!stripped.sections.some((s) => s.name.startsWith(".debug")));
    });
  },
});
