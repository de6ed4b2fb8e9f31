/**
 * Test helper: builds denix libc and test programs with denix's own
 * toolchain — denix cc (C → assembly), denix as (→ ELF objects) and denix ld
 * (→ static executable, with libc.a made by its ar writer) — all in-process.
 * Libc's headers and sources are read from the embedded copies (mod.ts), as
 * a compiled denix executable would. The 64-bit division runtime comes from
 * src/toolchain/cc/runtime.
 */
import { compile, readHostFile } from "../../../src/toolchain/cc/mod.ts";
import { assemble, type ObjectFile, writeElfObject } from "../../../src/toolchain/as/mod.ts";
import { arCreate, link } from "../../../src/toolchain/ld/mod.ts";
import {
  CRT0,
  INCLUDE_DIR,
  libcAwareReader,
  libcPath,
  SOURCES,
} from "../../../src/toolchain/libc/mod.ts";

const DIVDI3 = new URL("../../../src/toolchain/cc/runtime/divdi3.c", import.meta.url).pathname;

/** Reads libc files from the embedded copies (as a compiled denix would), others from disk. */
const readFile = libcAwareReader(readHostFile);

/** Compiles (C) or reads (assembly) `path` and assembles it. Throws with diagnostics on error. */
export function denixObject(path: string): ObjectFile {
  let asm = readFile(path);
  if (asm === undefined) throw new Error(`cannot read ${path}`);
  if (path.endsWith(".c")) {
    const r = compile(asm, { fileName: path, systemDirs: [INCLUDE_DIR], readFile });
    if (!r.ok) {
      throw new Error(`denix cc ${path}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    }
    asm = r.asm;
  }
  return assemble(asm, { fileName: path });
}

interface DenixLibc {
  crt0: ObjectFile;
  archive: Uint8Array;
  runtime: ObjectFile;
}

let cached: DenixLibc | undefined;

/** Builds libc.a with denix cc + as and the ar writer of denix ld (once per process). */
export function buildLibcDenix(): DenixLibc {
  cached ??= {
    crt0: denixObject(libcPath(CRT0)),
    archive: arCreate(SOURCES.map((s) => ({
      name: s.replace(/^src\//, "").replace(/\//g, "_") + ".o",
      bytes: writeElfObject(denixObject(libcPath(s))),
    }))),
    runtime: denixObject(DIVDI3),
  };
  return cached;
}

/** Builds `src` into the executable `out` with denix cc, as and ld against denix libc. */
export async function buildOursDenix(src: string, out: string): Promise<void> {
  const lib = buildLibcDenix();
  const exe = link([
    { name: "crt0.o", object: lib.crt0 },
    { name: "prog.o", object: denixObject(src) },
    { name: "libc.a", bytes: lib.archive },
    { name: "divdi3.o", object: lib.runtime },
  ]);
  await Deno.writeFile(out, exe, { mode: 0o755 });
}
