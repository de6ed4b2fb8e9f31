import assert from "node:assert/strict";
import { syscallNumber, syscallRow, SYSCALLS } from "../../src/abi/mod.ts";

const HEADER = "/usr/include/asm/unistd_32.h";
let header = "";
try {
  header = Deno.readTextFileSync(HEADER);
} catch { /* header missing: the oracle test is skipped */ }

Deno.test("the syscall table is sorted by number with unique names", () => {
  for (let i = 1; i < SYSCALLS.length; i++) assert.ok(SYSCALLS[i - 1].nr < SYSCALLS[i].nr);
  assert.equal(new Set(SYSCALLS.map((r) => r.name)).size, SYSCALLS.length);
  for (const r of SYSCALLS) assert.match(r.args, /^[iuxofpsb]{0,6}$/, r.name);
});

Deno.test({
  name: "the syscall table matches the host's asm/unistd_32.h number for number",
  ignore: header === "",
  fn() {
    const seen = new Map<number, string>();
    for (const m of header.matchAll(/#define __NR_(\w+)\s+(\d+)/g)) seen.set(+m[2], m[1]);
    for (const [nr, name] of seen) assert.equal(syscallRow(nr)?.name, name, `nr ${nr}`);
    assert.equal(seen.size, SYSCALLS.length);
  },
});

Deno.test("syscallNumber() finds well-known calls", () => {
  assert.equal(syscallNumber("getpid"), 20);
  assert.equal(syscallNumber("mmap2"), 192);
  assert.equal(syscallNumber("no_such_call"), -1);
});

Deno.test("renderSyscallDocs() lists every supported call with its status", async () => {
  const { renderSyscallDocs } = await import("../../src/abi/syscall_docs.ts");
  const md = renderSyscallDocs();
  assert.match(md, /^\| 192 \| mmap2 \| partial \| .+ \|$/m);
  assert.match(md, /^\| 20 \| getpid \| supported \| {2}\|$/m);
  assert.doesNotMatch(md, /\| bpf \|/);
  assert.match(renderSyscallDocs({ includeUnsupported: true }), /\| 357 \| bpf \| ENOSYS \|/);
});
