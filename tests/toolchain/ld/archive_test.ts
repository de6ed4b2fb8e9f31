/**
 * Archive tests: member selection (only members defining an undefined symbol, rescanned
 * until stable, never for weak references), in-order versus grouped search, arCreate
 * output read by GNU ar/nm, GNU ar archives (long names, with and without a symbol
 * index) read by us, and the same archive link done by GNU ld.
 */

import assert from "node:assert/strict";
import { assemble, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { arCreate, link, LinkError, readArchive } from "../../../src/toolchain/ld/mod.ts";
import { readExe } from "./_exe.ts";
import { canRunI386, hasBinutils, requires, runExe, sh, withTempDir } from "./_host.ts";

const gnu = requires("ld archive tests against GNU ar/nm/ld", { "no GNU binutils": hasBinutils });

const elf = (name: string, src: string) => writeElfObject(assemble(src, { fileName: name }));

const MAIN = elf(
  "main.o",
  `.weak maybe
.globl _start
_start: call foo
  movl %eax, %ebx
  movl $1, %eax
  int $0x80
  .long maybe
`,
);
/** Archive members: b.o precedes a.o (needs a second pass); c.o would clash; d.o is only weakly wanted. */
const MEMBERS = [
  { name: "b.o", bytes: elf("b.o", `.globl bar\nbar: movl $41, %eax\n ret\n`) },
  {
    name: "a_member_with_a_long_name.o",
    bytes: elf("a.o", `.globl foo\nfoo: call bar\n incl %eax\n ret\n`),
  },
  { name: "c.o", bytes: elf("c.o", `.globl _start, unused_c\n_start: ret\nunused_c: ret\n`) },
  { name: "d.o", bytes: elf("d.o", `.data\n.globl maybe\nmaybe: .long 0\n`) },
];

Deno.test("archive members are pulled only for undefined symbols, rescanning until stable", async () => {
  const lib = arCreate(MEMBERS);
  const exe = link([{ name: "main.o", bytes: MAIN }, { name: "libx.a", bytes: lib }]);
  const syms = readExe(exe).symbols;
  assert.ok(syms.has("foo") && syms.has("bar"));
  assert.ok(!syms.has("unused_c"), "c.o not pulled");
  assert.equal(syms.get("maybe")?.shndx, 0, "weak reference pulls nothing");
  if (!canRunI386) return;
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/a.out`, exe, { mode: 0o755 });
    assert.equal((await runExe(`${dir}/a.out`)).code, 42);
  });
});

Deno.test("an archive before its user is not searched again unless archives are grouped", () => {
  // Without c.o: like GNU ld, the entry symbol _start counts as undefined from the start.
  const lib = arCreate(MEMBERS.filter((m) => m.name !== "c.o"));
  const inputs = [{ name: "libx.a", bytes: lib }, { name: "main.o", bytes: MAIN }];
  assert.throws(() => link(inputs), (e) => e instanceof LinkError && e.kind === "undefined");
  const syms = readExe(link(inputs, { archives: "grouped" })).symbols;
  assert.ok(syms.has("foo") && syms.has("bar"));
});

Deno.test("readArchive reads its own archives: names, bytes and symbol index", () => {
  const ar = readArchive(arCreate(MEMBERS), "libx.a");
  assert.deepEqual(ar.members.map((m) => m.name), MEMBERS.map((m) => m.name));
  ar.members.forEach((m, i) => assert.deepEqual(m.bytes, MEMBERS[i].bytes));
  assert.deepEqual(ar.index.get("foo"), [1]);
  assert.deepEqual(ar.index.get("_start"), [2]);
});

Deno.test({
  name: "arCreate output is read by GNU ar and nm, and GNU ld links against it the same way",
  ignore: !gnu,
  async fn() {
    await withTempDir(async (dir) => {
      await Deno.writeFile(`${dir}/libx.a`, arCreate(MEMBERS));
      assert.equal(
        (await sh("ar", ["t", `${dir}/libx.a`])).stdout,
        MEMBERS.map((m) => m.name + "\n").join(""),
      );
      const armap = (await sh("nm", ["--print-armap", `${dir}/libx.a`])).stdout;
      assert.match(armap, /^foo in a_member_with_a_long_name\.o$/m);
      assert.match(armap, /^maybe in d\.o$/m);
      await Deno.writeFile(`${dir}/main.o`, MAIN);
      await sh("ld", [
        "-m",
        "elf_i386",
        "-static",
        "-o",
        `${dir}/gnu`,
        `${dir}/main.o`,
        `${dir}/libx.a`,
      ]);
      const gnuSyms = readExe(await Deno.readFile(`${dir}/gnu`)).symbols;
      assert.ok(gnuSyms.has("bar") && !gnuSyms.has("unused_c"), "GNU ld selects the same members");
    });
  },
});

Deno.test({
  name: "GNU ar archives with long names, with and without a symbol index, are read and linked",
  ignore: !gnu,
  async fn() {
    await withTempDir(async (dir) => {
      const paths = [];
      for (const m of MEMBERS) {
        await Deno.writeFile(`${dir}/${m.name}`, m.bytes);
        paths.push(`${dir}/${m.name}`);
      }
      for (const [flags, hasIndex] of [["rcs", true], ["rcS", false]] as const) {
        const lib = `${dir}/lib${flags}.a`;
        await sh("ar", [flags, lib, ...paths]);
        const bytes = await Deno.readFile(lib);
        const ar = readArchive(bytes, lib);
        assert.deepEqual(ar.members.map((m) => m.name), MEMBERS.map((m) => m.name), flags);
        assert.deepEqual(
          ar.index.get("bar"),
          [0],
          `${flags} index (${hasIndex ? "stored" : "computed"})`,
        );
        const syms = readExe(link([{ name: "main.o", bytes: MAIN }, { name: lib, bytes }])).symbols;
        assert.ok(syms.has("bar") && !syms.has("unused_c"));
      }
    });
  },
});
