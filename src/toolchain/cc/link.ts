/**
 * The link step of `denix cc`: denix's own toolchain end to end. Objects and archives
 * given on the command line are linked by denix ld after crt0 and before denix libc
 * (libc.a, built from the embedded libc sources by denix cc and as, once per process)
 * and the 64-bit division runtime (runtime/divdi3.c).
 *
 * Contract: `linkProgram(inputs, out, opts)` writes an executable static ELF32 file and
 * returns 0, or prints the linker's diagnostics and returns 1. It never uses host tools.
 */
import { compile, readHostFile } from "./mod.ts";
import { assemble, type ObjectFile, writeElfObject } from "../as/mod.ts";
import { arCreate, link, type LinkInput } from "../ld/mod.ts";
import { CRT0, INCLUDE_DIR, libcAwareReader, libcPath, SOURCES } from "../libc/mod.ts";

const RUNTIME = new URL("./runtime/divdi3.c", import.meta.url).pathname;

/** Reads libc files from the embedded copies (so a compiled denix needs no tree). */
const readFile = libcAwareReader(readHostFile);

/** One input of the link: an object in memory, or file bytes (ELF .o or ar archive). */
export type LinkItem = { name: string; object: ObjectFile } | { name: string; bytes: Uint8Array };

/** The system include directory denix cc searches by default (libc's headers). */
export const LIBC_INCLUDE: string = INCLUDE_DIR;

/** Compiles C (or reads assembly) at `path` and assembles it; throws Error with diagnostics. */
export function buildObject(path: string): ObjectFile {
  let text = readFile(path);
  if (text === undefined) throw new Error(`cannot read ${path}`);
  if (path.endsWith(".c")) {
    const r = compile(text, { fileName: path, systemDirs: [INCLUDE_DIR], readFile });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.text).join("\n"));
    text = r.asm;
  }
  return assemble(text, { fileName: path });
}

interface Libc {
  crt0: ObjectFile;
  archive: Uint8Array;
  runtime: ObjectFile;
}

let libc: Libc | undefined;

/** denix libc, built on first use (about half a second). */
export function libcObjects(): Libc {
  libc ??= {
    crt0: buildObject(libcPath(CRT0)),
    archive: arCreate(SOURCES.map((s) => ({
      name: s.replace(/^src\//, "").replace(/\//g, "_").replace(/\.[cs]$/, ".o"),
      bytes: writeElfObject(buildObject(libcPath(s))),
    }))),
    runtime: buildObject(RUNTIME),
  };
  return libc;
}

/** Options for `linkProgram`. */
export interface LinkProgramOptions {
  /** Do not link crt0, libc and the runtime (-nostdlib). */
  readonly nostdlib?: boolean;
}

/** Links `items` into the executable `out`; returns the exit status. */
export async function linkProgram(
  items: LinkItem[],
  out: string,
  opts: LinkProgramOptions = {},
): Promise<number> {
  let inputs: LinkInput[] = items;
  if (!opts.nostdlib) {
    const lib = libcObjects();
    inputs = [
      { name: "crt0.o", object: lib.crt0 },
      ...items,
      { name: "libc.a", bytes: lib.archive },
      { name: "divdi3.o", object: lib.runtime },
    ];
  }
  try {
    await Deno.writeFile(out, link(inputs), { mode: 0o755 });
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}
