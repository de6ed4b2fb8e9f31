/**
 * denix's static linker: relocatable ELF32 i386 objects (in memory from the
 * assembler, or ELF bytes from `writeElfObject`, gcc or GNU as) and `ar` archives in,
 * a static ELF32 i386 Linux executable (ET_EXEC, entry `_start`) out. Also the archive
 * writer used to build libc.a, and the `denix ld` command line.
 *
 * @example
 * ```ts
 * import { assemble } from "../as/mod.ts";
 * import { arCreate, link } from "./mod.ts";
 * const obj = assemble("  .globl _start\n_start: movl $1,%eax\n  movl $7,%ebx\n  int $0x80\n");
 * const exe = link([{ name: "a.o", object: obj }]); // exits with status 7
 * const lib = arCreate([{ name: "a.o", bytes: someElfObject }]);
 * ```
 *
 * Errors: `link` throws `LinkError` (kind "bad-input" | "undefined" | "duplicate" |
 * "overflow" | "unsupported" | "usage", with one message per problem) for any bad
 * input; nothing else escapes. Layout and relocation details: README.md.
 */

export { link, type LinkOptions } from "./link.ts";
export type { ArchiveMode, LinkInput } from "./load.ts";
export { type Archive, type ArchiveMember, arCreate, readArchive } from "./archive.ts";
export { readElfObject } from "./elf_reader.ts";
export { LinkError, type LinkErrorKind } from "./errors.ts";
export { ldMain } from "./cli.ts";
