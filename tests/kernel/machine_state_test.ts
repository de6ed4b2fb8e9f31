/**
 * Guest programs checked against the kernel's machine state: frame counts from the
 * buddy allocator, page-table entries and refcounts, and leak checks after exit.
 */
import assert from "node:assert/strict";
import { Pte, readPte } from "../../src/kernel/mm/page_table.ts";
import type { Kernel } from "../../src/kernel/kernel.ts";
import { compile, HAS_GCC32, runDenix, runNative } from "./_guest.ts";

interface Probe {
  pid: number;
  bss: number;
  free: number;
  resident: number;
  pte: number;
  refs: number;
}

Deno.test({
  name: "a 64 MiB bss is mapped lazily and fork shares frames until written",
  ignore: !HAS_GCC32,
  async fn() {
    const probes: Probe[] = [];
    const onTrace = (line: string, k: Kernel) => {
      const m = /^\[(\d+)\] getcwd\(0x([0-9a-f]+), 0\)/.exec(line);
      if (!m) return;
      const p = k.procs.get(+m[1])!;
      const bss = parseInt(m[2], 16);
      const pte = readPte(k.fr, p.as.pd, bss);
      probes.push({
        pid: p.pid,
        bss,
        free: k.fr.buddy.freeFrames,
        resident: p.as.residentPages(),
        pte,
        refs: pte & Pte.P ? k.fr.buddy.refcount(pte >>> 12) : 0,
      });
    };
    const r = await runDenix(compile("bigbss"), [], { onTrace });
    assert.equal(r.code, 2);
    assert.equal(probes.length, 4);
    const [before, after, childBefore, childAfter] = probes;
    // Sixteen pages touched: sixteen data frames plus at most sixteen new page tables.
    assert.equal(after.resident - before.resident, 16);
    assert.ok(before.free - after.free >= 16 && before.free - after.free <= 32);
    // Nothing of the other 16368 bss pages was mapped.
    assert.ok(after.resident < 100, `resident ${after.resident}`);
    // In the child, bss[0] is the parent's frame, read-only, refcount 2.
    assert.equal(childBefore.pte >>> 12, after.pte >>> 12);
    assert.equal(childBefore.pte & Pte.W, 0);
    assert.equal(childBefore.refs, 2);
    // After the child's write: its own writable copy, the parent's frame back to one owner.
    assert.notEqual(childAfter.pte >>> 12, after.pte >>> 12);
    assert.ok(childAfter.pte & Pte.W);
    assert.equal(childAfter.refs, 1);
    assertNoLeaks(r.kernel);
  },
});

/** Every frame is free again once all processes have exited. */
function assertNoLeaks(k: Kernel): void {
  k.fr.buddy.check();
  k.fr.slab.check();
  assert.equal(k.fr.buddy.freeFrames, k.fr.buddy.frames - 256 - k.fr.kernelFrames());
}

Deno.test({
  name: "children touching kernel memory or NULL die with SIGSEGV and the kernel lives on",
  ignore: !HAS_GCC32,
  async fn() {
    const exe = compile("crash");
    const native = await runNative(exe);
    const denix = await runDenix(exe);
    assert.equal(denix.stdout, native.stdout);
    assert.equal(denix.code, native.code);
    assert.equal(denix.code, 139);
    assertNoLeaks(denix.kernel);
  },
});

Deno.test({
  name: "a fork bomb is bounded by memory and everything is reclaimed",
  ignore: !HAS_GCC32,
  async fn() {
    const r = await runDenix(compile("forkbomb"), [], { mem: 16 << 20 });
    assert.match(r.stdout, /fork refused: ok\nreaped all: 1\n/);
    assert.equal(r.code, 0);
    assertNoLeaks(r.kernel);
  },
});

Deno.test({
  name: "the OOM killer kills the process that exhausts memory and the rest lives on",
  ignore: !HAS_GCC32,
  async fn() {
    const r = await runDenix(compile("oom"), [], { mem: 16 << 20 });
    assert.equal(
      r.stdout,
      "round 0: child killed by signal 9\nround 1: child killed by signal 9\n",
    );
    assert.match(r.stderr, /^denix: out of memory: killed process 2 \(oom\.glibc\), \d+ KiB$/m);
    assert.equal(r.code, 0);
    assertNoLeaks(r.kernel);
  },
});

Deno.test({
  name: "guest programs leave no frame behind",
  ignore: !HAS_GCC32,
  async fn() {
    for (const name of ["fork_wait", "memory", "files", "pipes_exec"]) {
      const r = await runDenix(compile(name));
      assert.equal(r.code, 0, name);
      assertNoLeaks(r.kernel);
    }
  },
});
