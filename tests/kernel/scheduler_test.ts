/** The run loop: idle sleeps on timers and the deadlock policy. */
import assert from "node:assert/strict";
import { bootExec } from "../../src/kernel/boot.ts";
import { HostStdio } from "../../src/host/stdio.ts";
import { memoryFile, tinyElf } from "./_tiny_elf.ts";

function boot(code: number[], log: (l: string) => void) {
  const sink = { writeSync: (b: Uint8Array) => b.length, isTerminal: () => false };
  const k = bootExec({
    memBytes: 8 << 20,
    port: new HostStdio({
      stdin: { read: () => Promise.resolve(null), isTerminal: () => false },
      stdout: sink,
      stderr: sink,
    }),
    log,
    program: memoryFile(tinyElf(code)),
    argv: ["t"],
    envp: [],
    execfn: "t",
    cwd: "/tmp",
  });
  if (typeof k === "number") throw new Error(`boot ${k}`);
  return k;
}

Deno.test("a process that pauses forever with nothing to wake it is a reported deadlock", async () => {
  const lines: string[] = [];
  // mov eax, 29 (pause); int 0x80; jmp back
  const k = boot([0xb8, 29, 0, 0, 0, 0xcd, 0x80, 0xeb, 0xf7], (l) => lines.push(l));
  const status = await k.run();
  assert.equal(status & 0x7f, 9);
  assert.match(lines.join("\n"), /deadlock/);
});

Deno.test("the host sleeps through a guest nanosleep instead of spinning", async () => {
  // nanosleep({0, 100ms}) from a timespec pushed on the stack, then exit(0).
  const code = [
    0x68,
    0x00,
    0xe1,
    0xf5,
    0x05, // push 100000000 (tv_nsec)
    0x6a,
    0x00, // push 0 (tv_sec)
    0x89,
    0xe3, // mov ebx, esp
    0x31,
    0xc9, // xor ecx, ecx
    0xb8,
    162,
    0,
    0,
    0, // mov eax, 162 (nanosleep)
    0xcd,
    0x80,
    0x31,
    0xdb, // xor ebx, ebx
    0xb8,
    1,
    0,
    0,
    0, // mov eax, 1 (exit)
    0xcd,
    0x80,
  ];
  const k = boot(code, () => {});
  const t0 = performance.now();
  const status = await k.run();
  const elapsed = performance.now() - t0;
  assert.equal(status, 0);
  assert.ok(elapsed >= 99, `woke after ${elapsed} ms`);
  assert.ok(k.init!.utime < 50, `guest ran ${k.init!.utime} ms of CPU`);
});
