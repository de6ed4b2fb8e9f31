/**
 * Error tests: undefined and duplicate symbols, relocation overflow, unsupported TLS
 * models and malformed inputs (not ELF, wrong machine, wrong type, truncated, corrupt
 * headers, bad archives) give a typed LinkError with a message naming the culprit;
 * random corruptions of valid objects never crash the linker with anything else.
 */

import assert from "node:assert/strict";
import { assemble, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import {
  arCreate,
  link,
  type LinkError,
  LinkError as LinkErrorClass,
} from "../../../src/toolchain/ld/mod.ts";
import type { LinkInput } from "../../../src/toolchain/ld/mod.ts";

const elf = (name: string, src: string) => writeElfObject(assemble(src, { fileName: name }));
const START = elf("s.o", `.globl _start\n_start: ret\n`);

/** Runs link() and returns the LinkError it must throw. */
function linkError(inputs: LinkInput[]): LinkError {
  try {
    link(inputs);
  } catch (e) {
    if (e instanceof LinkErrorClass) return e;
    throw e;
  }
  assert.fail("link() succeeded");
}

Deno.test("undefined symbols are reported with object, section and offset", () => {
  const a = elf("a.o", `.globl _start\n_start: nop\n call foo\n movl bar, %eax\n call foo\n`);
  const e = linkError([{ name: "a.o", bytes: a }]);
  assert.equal(e.kind, "undefined");
  assert.deepEqual(e.messages, [
    "undefined reference to `foo' in a.o(.text+0x2)",
    "undefined reference to `bar' in a.o(.text+0x7)",
    "undefined reference to `foo' in a.o(.text+0xc)",
  ]);
});

Deno.test("duplicate strong definitions name both objects", () => {
  const b = elf("b.o", `.globl _start, dup\n_start: ret\ndup: ret\n`);
  const c = elf("c.o", `.data\n.globl dup\ndup: .long 1\n`);
  const e = linkError([{ name: "b.o", bytes: b }, { name: "c.o", bytes: c }]);
  assert.equal(e.kind, "duplicate");
  assert.deepEqual(e.messages, [
    "multiple definition of `dup': first defined in b.o, again in c.o",
  ]);
});

Deno.test("relocation overflow names object, section, offset, type and symbol", () => {
  const a = elf("a.o", `.globl _start\n_start: ret\n.data\n.long 0\n.byte big\n.word huge\n`);
  const b = elf("b.o", `.globl big, huge\n.set big, 0x1234\n.set huge, 0x12345\n`);
  const e = linkError([{ name: "a.o", bytes: a }, { name: "b.o", bytes: b }]);
  assert.equal(e.kind, "overflow");
  assert.deepEqual(e.messages, [
    "a.o(.data+0x4): relocation R_386_8 against `big' out of range (value 0x1234)",
    "a.o(.data+0x5): relocation R_386_16 against `huge' out of range (value 0x12345)",
  ]);
});

Deno.test("a TLS_GD relocation outside the standard code sequence is rejected", () => {
  const a = elf(
    "gd.o",
    `.section .tbss,"awT",@nobits\nx: .zero 4\n.text\n.globl _start\n_start: leal x@TLSGD(,%ebx,1), %eax\n`,
  );
  const e = linkError([{ name: "gd.o", bytes: a }]);
  assert.equal(e.kind, "unsupported");
  assert.match(
    e.messages[0],
    /^gd\.o\(\.text\+0x3\): R_386_TLS_GD against `x' is not in the standard code sequence/,
  );
});

Deno.test("malformed inputs give bad-input errors naming the file", () => {
  const patched = (at: number, v: number) => {
    const b = START.slice();
    new DataView(b.buffer).setUint16(at, v, true);
    return b;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ["text.o", new TextEncoder().encode("hello, world\n"), /^text\.o: file format not recognized$/],
    ["x86_64.o", patched(18, 62), /^x86_64\.o: wrong machine 62/],
    ["exec.o", patched(16, 2), /^exec\.o: not a relocatable object/],
    ["trunc.o", START.subarray(0, 40), /^trunc\.o: truncated ELF header/],
    ["shdr.o", START.subarray(0, START.length - 20), /^shdr\.o: truncated or malformed ELF file/],
    ["shnum.o", patched(48, 0xffff), /^shnum\.o: truncated or malformed ELF file/],
    [
      "lib.a",
      arCreate([{ name: "s.o", bytes: START }]).subarray(0, 100),
      /^lib\.a: (bad or )?truncated member/,
    ],
    [
      "bad.a",
      new TextEncoder().encode(
        "!<arch>\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      ),
      /^bad\.a: bad member header/,
    ],
  ];
  for (const [name, bytes, re] of cases) {
    const e = linkError([{ name: "s.o", bytes: START }, { name, bytes }]);
    assert.equal(e.kind, "bad-input", name);
    assert.match(e.messages[0], re, name);
  }
});

Deno.test("random corruption of an object never escapes as anything but LinkError", () => {
  const good = elf(
    "g.o",
    `.data\nv: .long 1, f\n.text\n.globl _start, f\n_start: call f\nf: movl v, %eax\n ret\n.comm c, 4, 4\n`,
  );
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 500; i++) {
    const b = good.slice();
    for (let k = 1 + rand(4); k > 0; k--) b[rand(b.length)] = rand(256);
    try {
      link([{ name: "g.o", bytes: b }]);
    } catch (e) {
      if (!(e instanceof LinkErrorClass)) throw new Error(`corruption ${i} escaped: ${e}`);
    }
  }
});

Deno.test("inconsistent in-memory objects are rejected as bad input", () => {
  const good = assemble(`.globl _start\n_start: call f\nf: ret\n.data\n.long f\n`, {
    fileName: "m.s",
  });
  const data = good.sections.findIndex((s) => s.name === ".data");
  const broken = [
    { ...good, symbols: good.symbols.map((s) => (s.name === "f" ? { ...s, section: 99 } : s)) },
    {
      ...good,
      sections: good.sections.map((s, i) =>
        i === data ? { ...s, relocs: s.relocs.map((r) => ({ ...r, offset: 2 })) } : s
      ),
    },
    {
      ...good,
      sections: good.sections.map((s, i) =>
        i === data ? { ...s, relocs: s.relocs.map((r) => ({ ...r, symbol: 1000 })) } : s
      ),
    },
  ];
  for (const object of broken) {
    const e = linkError([{ name: "m.o", object }]);
    assert.equal(e.kind, "bad-input");
    assert.match(e.messages[0], /^m\.o/);
  }
});
