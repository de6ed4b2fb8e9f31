/**
 * Test helper: builds denix libc with the host's `gcc -m32` (interim, until
 * denix cc/as/ld build it) into a cache directory keyed by a hash of its
 * sources, and builds test programs twice — against our libc and against
 * glibc (`gcc -m32 -static`) — so their native outputs can be compared.
 *
 * The cache lives in the system temp dir; concurrent test processes build
 * into private directories and rename the result into place.
 */
import { CRT0, INCLUDE_DIR, LIBC_DIR, libcPath, SOURCES } from "../../../src/toolchain/libc/mod.ts";

const DIVDI3 = new URL("../../../src/toolchain/cc/runtime/divdi3.c", import.meta.url).pathname;

/** Flags for compiling C against our headers. */
export const CFLAGS: readonly string[] = [
  "-m32",
  "-std=c11",
  "-nostdinc",
  "-isystem",
  INCLUDE_DIR,
  "-ffreestanding",
  "-fno-builtin",
  "-fno-pic",
  "-fno-stack-protector",
  "-fno-asynchronous-unwind-tables",
  "-w",
];

/** Result of running a command. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command, optionally feeding stdin and in a working directory; killed after timeoutMs (30 s). */
export async function run(
  cmd: string,
  args: readonly string[],
  opts: { stdin?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const child = new Deno.Command(cmd, {
    args: [...args],
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  }).spawn();
  if (opts.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(opts.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function mustRun(cmd: string, args: readonly string[]): Promise<void> {
  const r = await run(cmd, args);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
}

/** True when `gcc -m32 -static` can build and run an i386 program here. */
export const hasGcc32: boolean = (() => {
  try {
    const dir = Deno.makeTempDirSync();
    Deno.writeTextFileSync(`${dir}/t.c`, "int main(void){return 7;}\n");
    const cc = new Deno.Command("gcc", {
      args: ["-m32", "-static", "-o", `${dir}/t`, `${dir}/t.c`],
      stderr: "null",
      stdout: "null",
    }).outputSync();
    const ok = cc.code === 0 && new Deno.Command(`${dir}/t`).outputSync().code === 7;
    Deno.removeSync(dir, { recursive: true });
    return ok;
  } catch {
    return false;
  }
})();

/** One-line reason used when skipping. */
export const SKIP_REASON = "gcc -m32 (gcc-multilib) cannot build and run i386 programs here";

async function sourceHash(): Promise<string> {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const e of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (/\.(c|h|s)$/.test(e.name)) parts.push(p, Deno.readTextFileSync(p));
    }
  };
  walk(LIBC_DIR);
  parts.push(Deno.readTextFileSync(DIVDI3));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\0")));
  return [...new Uint8Array(digest)].slice(0, 8).map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Paths of a built libc. */
export interface BuiltLibc {
  crt0: string;
  archive: string;
  runtime: string;
}

/** Compiles `files` in parallel batches. */
async function compileAll(jobs: Array<[string, string]>): Promise<void> {
  const width = 8;
  for (let i = 0; i < jobs.length; i += width) {
    await Promise.all(
      jobs.slice(i, i + width).map(([src, obj]) =>
        mustRun("gcc", [...CFLAGS, "-c", src, "-o", obj])
      ),
    );
  }
}

let built: Promise<BuiltLibc> | undefined;

/** Builds (or reuses) libc.a, crt0.o and the division runtime object. */
export function buildLibc(): Promise<BuiltLibc> {
  built ??= (async () => {
    const dir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/denix_libc_${await sourceHash()}`;
    const result = { crt0: `${dir}/crt0.o`, archive: `${dir}/libc.a`, runtime: `${dir}/divdi3.o` };
    try {
      Deno.statSync(result.archive);
      return result;
    } catch { /* not built yet */ }
    const tmp = Deno.makeTempDirSync({ prefix: "denix_libc_build_" });
    const objs = SOURCES.map((s) => `${tmp}/${s.replace(/\//g, "_")}.o`);
    await compileAll([
      [libcPath(CRT0), `${tmp}/crt0.o`],
      [DIVDI3, `${tmp}/divdi3.o`],
      ...SOURCES.map((s, i): [string, string] => [libcPath(s), objs[i]!]),
    ]);
    await mustRun("ar", ["rcs", `${tmp}/libc.a`, ...objs]);
    try {
      Deno.renameSync(tmp, dir);
    } catch {
      Deno.removeSync(tmp, { recursive: true }); // another process won the race
    }
    return result;
  })();
  return built;
}

/** Builds `src` against our libc into `out`. */
export async function buildOurs(src: string, out: string): Promise<void> {
  const lib = await buildLibc();
  await mustRun("gcc", [...CFLAGS, "-c", src, "-o", `${out}.o`]);
  await mustRun("gcc", [
    "-m32",
    "-nostdlib",
    "-static",
    "-no-pie",
    "-Wl,-z,noexecstack",
    "-o",
    out,
    lib.crt0,
    `${out}.o`,
    lib.archive,
    lib.runtime,
  ]);
}

/** Builds `src` against the host glibc into `out`. */
export async function buildGlibc(src: string, out: string): Promise<void> {
  await mustRun("gcc", ["-m32", "-static", "-std=gnu11", "-w", "-o", out, src, "-lm"]);
}
