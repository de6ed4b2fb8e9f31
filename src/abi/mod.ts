/**
 * The Linux i386 ABI as denix implements it: the syscall table, errno values, signals,
 * struct layouts and auxv tags. Shared by the kernel, the libc generator and tests.
 *
 * @example
 * ```ts
 * import { syscallRow } from "./mod.ts";
 * syscallRow(20)?.name; // "getpid"
 * ```
 */
export * from "./errno.ts";
export * from "./signals.ts";
export * from "./syscall_table.ts";
export * from "./layouts.ts";
export * from "./auxv.ts";
export * from "./syscall_docs.ts";
