/** docs/syscalls.md is generated from the syscall table and must not drift from it. */
import assert from "node:assert/strict";
import { renderSyscallDocs } from "../../src/abi/syscall_docs.ts";

Deno.test("docs/syscalls.md matches the syscall table (run `deno task docs` to refresh)", () => {
  const page = Deno.readTextFileSync(new URL("../../docs/syscalls.md", import.meta.url));
  assert.equal(page, renderSyscallDocs());
});
