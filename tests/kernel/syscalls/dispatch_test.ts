import assert from "node:assert/strict";
import { SYSCALLS, SyscallStatus } from "../../../src/abi/syscall_table.ts";
import { HANDLERS } from "../../../src/kernel/syscalls/dispatch.ts";

Deno.test("every supported syscall row has a handler and every handler a supported row", () => {
  for (const r of SYSCALLS) {
    if (r.status !== SyscallStatus.Unsupported) {
      assert.ok(HANDLERS[r.name], `no handler: ${r.name}`);
    }
  }
  for (const name of Object.keys(HANDLERS)) {
    const row = SYSCALLS.find((r) => r.name === name);
    assert.ok(row && row.status !== SyscallStatus.Unsupported, `handler without row: ${name}`);
  }
});

Deno.test("partially supported syscalls explain their gap in the table", () => {
  for (const r of SYSCALLS) {
    if (r.status === SyscallStatus.Partial) assert.ok(r.note.length > 0, r.name);
  }
});
