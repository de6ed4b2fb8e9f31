/**
 * The documentation view of the syscall table: a Markdown page listing what denix
 * supports, generated from the same rows that drive dispatch and the trace, so the
 * documentation cannot drift from the kernel.
 *
 * Example row: `| 192 | mmap2 | partial | MAP_SHARED file mappings are ... |`
 */
import { SYSCALLS, SyscallStatus } from "./syscall_table.ts";

const WORDS = {
  [SyscallStatus.Supported]: "supported",
  [SyscallStatus.Partial]: "partial",
  [SyscallStatus.Unsupported]: "ENOSYS",
} as const;

/** Options for `renderSyscallDocs`. */
export interface SyscallDocsOptions {
  /** List unsupported numbers too (default: only a count). */
  includeUnsupported?: boolean;
}

/** Renders the table as Markdown. */
export function renderSyscallDocs(opts: SyscallDocsOptions = {}): string {
  const rows = SYSCALLS.filter((r) =>
    opts.includeUnsupported || r.status !== SyscallStatus.Unsupported
  );
  const counts = [SyscallStatus.Supported, SyscallStatus.Partial, SyscallStatus.Unsupported]
    .map((s) => SYSCALLS.filter((r) => r.status === s).length);
  return [
    "# Linux i386 system calls in denix",
    "",
    `${counts[0]} supported, ${counts[1]} partially supported, ${counts[2]} return ENOSYS.`,
    "",
    "| nr | name | status | note |",
    "| ---: | --- | --- | --- |",
    ...rows.map((r) => `| ${r.nr} | ${r.name} | ${WORDS[r.status]} | ${r.note} |`),
    "",
  ].join("\n");
}

if (import.meta.main) console.log(renderSyscallDocs());
