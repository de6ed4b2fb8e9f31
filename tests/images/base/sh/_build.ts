/**
 * Builds the denix shell for the sh tests, two ways: with denix's own
 * toolchain (denix cc -> denix as -> denix ld against denix libc, all
 * in-process) and, as a second build, with gcc -m32 -static against glibc.
 * Both run natively on the host (interim, until the denix kernel runs
 * them). Also detects the host tools the tests compare against.
 */
import { compile } from "../../../../src/toolchain/cc/mod.ts";
import { assemble, type ObjectFile, writeElfObject } from "../../../../src/toolchain/as/mod.ts";
import { arCreate, link } from "../../../../src/toolchain/ld/mod.ts";
import { CRT0, INCLUDE_DIR, libcPath, SOURCES } from "../../../../src/toolchain/libc/mod.ts";

/** Source folder of the shell. */
export const SH_SRC = new URL("../../../../images/base/src/sh/", import.meta.url).pathname;

/** Folder of the oracle scripts. */
export const SCRIPTS = new URL("./scripts/", import.meta.url).pathname;

/** Runs a command to completion; returns status and decoded output. */
export async function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.env ? { env: opts.env, clearEnv: true } : {}),
  }).spawn();
  if (opts.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(opts.stdin));
    await w.close();
  }
  const p = await child.output();
  const dec = new TextDecoder();
  return { code: p.code, stdout: dec.decode(p.stdout), stderr: dec.decode(p.stderr) };
}

async function works(cmd: string, args: string[]): Promise<boolean> {
  try {
    return (await run(cmd, args)).code === 0;
  } catch {
    return false;
  }
}

/** The C files of the shell. */
export function shSources(): string[] {
  return [...Deno.readDirSync(SH_SRC)]
    .filter((e) => e.name.endsWith(".c"))
    .map((e) => SH_SRC + e.name)
    .sort();
}

/** Compiles the shell into dir/sh; throws with gcc's diagnostics on failure. */
export async function buildShell(dir: string): Promise<string> {
  const out = `${dir}/sh`;
  const r = await run("gcc", [
    "-m32",
    "-static",
    "-std=c11",
    "-D_POSIX_C_SOURCE=200809L",
    "-Wall",
    "-Werror",
    "-O2",
    "-o",
    out,
    ...shSources(),
  ]);
  if (r.code !== 0) throw new Error(`gcc failed:\n${r.stderr}`);
  return out;
}

const DIVDI3 = new URL("../../../../src/toolchain/cc/runtime/divdi3.c", import.meta.url).pathname;

/** Compiles (C) or reads (assembly) `path` with denix cc and assembles it with denix as. */
function denixObject(path: string): ObjectFile {
  let asm = Deno.readTextFileSync(path);
  if (path.endsWith(".c")) {
    const r = compile(asm, {
      fileName: path,
      systemDirs: [INCLUDE_DIR],
      defines: { _POSIX_C_SOURCE: "200809L" },
    });
    if (!r.ok) {
      throw new Error(`denix cc ${path}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    }
    asm = r.asm;
  }
  return assemble(asm, { fileName: path });
}

/** Builds the shell into dir/sh with denix cc, as and ld against denix libc. */
export async function buildShellDenix(dir: string): Promise<string> {
  const archive = arCreate(SOURCES.map((s) => ({
    name: s.replace(/\//g, "_") + ".o",
    bytes: writeElfObject(denixObject(libcPath(s))),
  })));
  const exe = link([
    { name: "crt0.o", object: denixObject(libcPath(CRT0)) },
    ...shSources().map((f) => ({
      name: f.slice(f.lastIndexOf("/") + 1) + ".o",
      object: denixObject(f),
    })),
    { name: "libc.a", bytes: archive },
    { name: "divdi3.o", object: denixObject(DIVDI3) },
  ]);
  const out = `${dir}/sh`;
  await Deno.writeFile(out, exe, { mode: 0o755 });
  return out;
}

/** The two builds of the shell under test. */
export const BUILDS = {
  denix: buildShellDenix,
  gcc: buildShell,
} as const;
export type BuildName = keyof typeof BUILDS;

async function probeGcc(): Promise<boolean> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/t.c`, "int main(void){return 0;}\n");
    return await works("gcc", ["-m32", "-static", `${dir}/t.c`, "-o", `${dir}/t`]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** True when `gcc -m32 -static` works on this host. */
export const hasGcc32 = await probeGcc();
/** True when dash (the oracle shell) is installed. */
export const hasDash = await works("dash", ["-c", "exit 0"]);
/** True when tmux is installed. */
export const hasTmux = await works("tmux", ["-V"]);

/** One-line skip reasons. */
export const NO_GCC = "gcc -m32 -static (gcc-multilib) is not available";
export const NO_DASH = "dash (the oracle /bin/sh) is not installed";
export const NO_TMUX = "tmux is not installed";
