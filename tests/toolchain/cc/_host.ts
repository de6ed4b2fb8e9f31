/**
 * Host-tool helpers for the cc tests: detects gcc -m32 (static glibc) and
 * runs commands. Tests needing it skip with a one-line reason when missing.
 */

/** Runs a command; returns status and decoded output. */
export async function run(
  cmd: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = await new Deno.Command(cmd, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...(cwd ? { cwd } : {}),
  }).output();
  const dec = new TextDecoder();
  return { code: p.code, stdout: dec.decode(p.stdout), stderr: dec.decode(p.stderr) };
}

async function probeGcc(): Promise<boolean> {
  try {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/t.c`, "int main(void){return 0;}\n");
    const r = await run("gcc", ["-m32", "-static", `${dir}/t.c`, "-o", `${dir}/t`]);
    await Deno.remove(dir, { recursive: true });
    return r.code === 0;
  } catch {
    return false;
  }
}

/** True when `gcc -m32 -static` works on this host. */
export const hasGcc32 = await probeGcc();

/** The one-line skip reason. */
export const NO_GCC = "gcc -m32 -static (gcc-multilib) is not available";

/** Directory of the C fixtures. */
export const FIXTURES = new URL("../../fixtures/cc/", import.meta.url).pathname;
