/** execve refuses what it cannot run, with ENOEXEC and a console message. */
import assert from "node:assert/strict";
import { bootHost } from "../../src/cli/exec.ts";
import { Hostfs } from "../../src/host/hostfs.ts";
import { HostStdio } from "../../src/host/stdio.ts";
import { parseShebang } from "../../src/kernel/proc/exec.ts";
import { parseElf } from "../../src/kernel/proc/elf.ts";
import { compile, HAS_GCC32 } from "./_guest.ts";

Deno.test({
  name: "a dynamically linked program gets ENOEXEC and a message naming its interpreter",
  ignore: !HAS_GCC32,
  fn() {
    const exe = compile("hello", "glibc-dynamic");
    const lines: string[] = [];
    const k = bootHost({
      program: exe,
      file: new Hostfs(exe).root,
      argv: [exe],
      env: {},
      cwd: Deno.cwd(),
      mem: 16 << 20,
      stdio: new HostStdio(),
      log: (l) => lines.push(l),
      trace: false,
    });
    assert.equal(k, -8);
    assert.match(lines.join("\n"), /dynamically linked \(interpreter \/lib\/ld-linux\.so\.2\)/);
  },
});

Deno.test("parseElf() rejects malformed headers with a reason", () => {
  const good = new Uint8Array(200);
  good.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  const v = new DataView(good.buffer);
  v.setUint16(16, 2, true);
  v.setUint16(18, 3, true);
  v.setUint32(28, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, 1, true);
  v.setUint32(52, 1, true); // PT_LOAD
  v.setUint32(52 + 8, 0x8048000, true);
  v.setUint32(52 + 16, 100, true);
  v.setUint32(52 + 20, 200, true);
  assert.equal(typeof parseElf(good, 200), "object");
  assert.equal(parseElf(good.slice(0, 20), 20), "not an ELF file");
  const bad = (edit: (d: DataView) => void) => {
    const b = good.slice();
    edit(new DataView(b.buffer));
    return parseElf(b, 200);
  };
  assert.equal(bad((d) => d.setUint8(4, 2)), "not a 32-bit ELF file");
  assert.equal(bad((d) => d.setUint16(18, 62, true)), "not an i386 executable");
  assert.equal(bad((d) => d.setUint32(52 + 16, 300, true)), "segment filesz > memsz");
  assert.equal(bad((d) => d.setUint32(52 + 4, 150, true)), "segment beyond end of file");
  assert.equal(bad((d) => d.setUint32(52 + 8, 0xc0000000, true)), "segment in kernel space");
  assert.equal(bad((d) => d.setUint16(44, 200, true)), "bad program header table");
});

Deno.test("parseShebang() splits the interpreter and one optional argument", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.deepEqual(parseShebang(enc("#!/bin/sh\necho")), ["/bin/sh", null]);
  assert.deepEqual(parseShebang(enc("#! /usr/bin/env  python3 -u \n")), [
    "/usr/bin/env",
    "python3 -u",
  ]);
  assert.equal(parseShebang(enc("#!\n")), null);
  assert.equal(parseShebang(enc("\x7fELF")), null);
});
