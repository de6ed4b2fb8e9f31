/**
 * Crash-proofing: thousands of system calls with random numbers and hostile arguments
 * (NULL, kernel addresses, unmapped and misaligned pointers, huge sizes) must each end in
 * a value or an errno, never a host exception, and leave every mm invariant intact.
 */
import assert from "node:assert/strict";
import { bootExec } from "../../../src/kernel/boot.ts";
import { dispatch } from "../../../src/kernel/syscalls/dispatch.ts";
import { State } from "../../../src/kernel/proc/process.ts";
import { Reg } from "../../../src/machine/cpu/regs.ts";
import { HostStdio } from "../../../src/host/stdio.ts";
import { memoryFile, tinyElf } from "../_tiny_elf.ts";
import { sendSignal } from "../../../src/kernel/proc/signal.ts";
import { Sig } from "../../../src/abi/signals.ts";

/** Deterministic xorshift32. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** Calls that would end the run or replace the image are left out. */
const SKIP = new Set([1, 252, 11, 119, 173, 29, 179, 72, 2, 190, 120, 37, 238, 270]);

Deno.test("random system calls with hostile arguments never crash the kernel", () => {
  for (const seed of [0x5eed, 0x1234, 0xbeef, 0x7777]) fuzzSyscalls(seed);
});

function fuzzSyscalls(seed: number): void {
  const sink = { writeSync: (b: Uint8Array) => b.length, isTerminal: () => false };
  const stdio = new HostStdio({
    stdin: { read: () => Promise.resolve(null), isTerminal: () => false },
    stdout: sink,
    stderr: sink,
  });
  const k = bootExec({
    memBytes: 16 << 20,
    port: stdio,
    log: () => {},
    program: memoryFile(tinyElf([0xcd, 0x80, 0xeb, 0xfc])),
    argv: ["fuzz"],
    envp: [],
    execfn: "fuzz",
    cwd: "/tmp",
  });
  if (typeof k === "number") throw new Error(`boot: ${k}`);
  const p = k.init!;
  k.switchTo(p);
  const next = rng(seed);
  const esp = k.cpu.regs[Reg.ESP];
  const pick = () => {
    const values = [0, -1, 1, 4096, 0xc0000000, 0xbffff000, esp, esp + 3, 0x08048000, 0x7fffffff];
    return next() % 3 === 0 ? next() | 0 : values[next() % values.length] | 0;
  };
  let ok = 0, failed = 0;
  for (let i = 0; i < 30000; i++) {
    const nr = next() % 460;
    if (SKIP.has(nr)) continue;
    const r = k.cpu.regs;
    r[Reg.EAX] = nr;
    for (const reg of [Reg.EBX, Reg.ECX, Reg.EDX, Reg.ESI, Reg.EDI, Reg.EBP]) r[reg] = pick();
    r[Reg.ESP] = esp;
    k.cpu.eip = 0x08048056;
    dispatch(k, p);
    if (r[Reg.EAX] < 0 && r[Reg.EAX] > -4096) failed++;
    else ok++;
    if (p.state !== State.Runnable) p.state = State.Runnable;
    p.wakeAt = 0;
    p.inSyscall = false;
    p.savedMask = null;
    assert.equal(k.loaded, p, `syscall ${nr} unloaded the process`);
  }
  assert.ok(ok > 500 && failed > 5000, `ok ${ok} failed ${failed}`);
  k.fr.buddy.check();
  k.fr.slab.check();
  p.as.check();
  for (const q of k.procs.values()) if (q.state !== State.Zombie) q.as.check();
}

Deno.test("random machine code runs into signals or exits, never a host exception", async () => {
  const next = rng(0xc0de);
  for (let i = 0; i < 150; i++) {
    const code = Array.from({ length: 64 }, () => next() & 0xff);
    const k = bootExec({
      memBytes: 8 << 20,
      port: quietStdio(),
      log: () => {},
      program: memoryFile(tinyElf(code)),
      argv: ["fuzz"],
      envp: [],
      execfn: "fuzz",
      cwd: "/tmp",
    });
    if (typeof k === "number") throw new Error(`boot: ${k}`);
    const watchdog = setTimeout(() => sendSignal(k, k.init!, Sig.SIGKILL), 100);
    await k.run();
    clearTimeout(watchdog);
    k.fr.buddy.check();
  }
});

function quietStdio(): HostStdio {
  const sink = { writeSync: (b: Uint8Array) => b.length, isTerminal: () => false };
  return new HostStdio({
    stdin: { read: () => Promise.resolve(null), isTerminal: () => false },
    stdout: sink,
    stderr: sink,
  });
}
