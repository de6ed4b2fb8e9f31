/**
 * Builds the denix shell natively for the sh tests (interim: gcc -m32
 * -static against glibc, until denix cc, ld and libc can build it) and
 * detects the host tools the tests compare against (dash, tmux).
 */

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
