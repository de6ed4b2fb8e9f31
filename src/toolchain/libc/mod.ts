/**
 * The C library for Linux i386 (see README.md): where its headers and
 * sources live and which translation units make up `libc.a`.
 *
 * Paths are relative to this folder; `libcPath` makes them absolute.
 * `CRT0` is linked first in every executable (it defines `_start`);
 * `SOURCES` are archived into libc.a. 64-bit division helpers (`__divdi3`
 * and friends) are not here: they come from src/toolchain/cc/runtime.
 *
 * @example
 * ```ts
 * import { INCLUDE_DIR, libcPath, SOURCES } from "./mod.ts";
 * const files = SOURCES.map(libcPath); // compile each with -isystem INCLUDE_DIR
 * ```
 * @module
 */

/** Absolute path of this folder (no trailing slash). */
export const LIBC_DIR: string = decodeURIComponent(new URL(".", import.meta.url).pathname)
  .replace(/\/$/, "");

/** Absolute path of the public headers (pass as -isystem). */
export const INCLUDE_DIR: string = `${LIBC_DIR}/include`;

/** The entry point object's source; link it before everything else. */
export const CRT0 = "src/crt/crt0.s";

/** Every translation unit of libc.a, C and assembly, relative to LIBC_DIR. */
export const SOURCES: readonly string[] = [
  "src/crt/errno.c",
  "src/crt/exit.c",
  "src/crt/setjmp.s",
  "src/crt/start.c",
  "src/crt/syscall.s",
  "src/crt/tls.c",
  "src/math/math.c",
  "src/math/transcendental.c",
  "src/math/x87.s",
  "src/misc/assert.c",
  "src/misc/dirent.c",
  "src/misc/glob.c",
  "src/misc/mman.c",
  "src/misc/pwd.c",
  "src/misc/termios.c",
  "src/signal/sigjmp.c",
  "src/signal/signal.c",
  "src/stdio/file.c",
  "src/stdio/format_float.c",
  "src/stdio/fval.c",
  "src/stdio/io.c",
  "src/stdio/popen.c",
  "src/stdio/printf.c",
  "src/stdio/scanf.c",
  "src/stdio/vformat.c",
  "src/stdio/vscan.c",
  "src/stdlib/arith.c",
  "src/stdlib/decimal.c",
  "src/stdlib/env.c",
  "src/stdlib/malloc.c",
  "src/stdlib/realpath.c",
  "src/stdlib/sort.c",
  "src/stdlib/strtod.c",
  "src/stdlib/strtol.c",
  "src/stdlib/system.c",
  "src/string/ctype.c",
  "src/string/fnmatch.c",
  "src/string/mem.c",
  "src/string/str.c",
  "src/string/strerror.c",
  "src/string/strtok.c",
  "src/time/calendar.c",
  "src/time/clock.c",
  "src/time/strftime.c",
  "src/unistd/exec.c",
  "src/unistd/fd.c",
  "src/unistd/fs.c",
  "src/unistd/getopt.c",
  "src/unistd/misc.c",
  "src/unistd/poll.c",
  "src/unistd/proc.c",
];

/** Makes a path relative to LIBC_DIR absolute. */
export function libcPath(rel: string): string {
  return `${LIBC_DIR}/${rel}`;
}

/** Reads one libc file (source or header) as text. */
export function readLibcFile(rel: string): string {
  return Deno.readTextFileSync(libcPath(rel));
}
