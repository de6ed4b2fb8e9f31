/**
 * Regenerates the documentation pages derived from code (`deno task docs`):
 * docs/syscalls.md from the syscall table. tests/abi/syscall_docs_page_test.ts fails when
 * a page is stale.
 */
import { renderSyscallDocs } from "../src/abi/syscall_docs.ts";

const page = new URL("../docs/syscalls.md", import.meta.url);
await Deno.writeTextFile(page, renderSyscallDocs());
console.log(`wrote ${page.pathname}`);
