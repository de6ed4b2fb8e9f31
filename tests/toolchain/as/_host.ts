/**
 * Host-tool helpers for the assembler's oracle tests: tool detection, running
 * commands, and temporary directories. Tests needing a tool skip when it is missing.
 */

/** True if `cmd --version` runs (the tool is installed). */
export function hasTool(cmd: string, args: string[] = ["--version"]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

/** True if gcc can build and link 32-bit static programs. */
export const hasGcc32: boolean = (() => {
  if (!hasTool("gcc") || !hasTool("as")) return false;
  try {
    const dir = Deno.makeTempDirSync();
    Deno.writeTextFileSync(`${dir}/t.c`, "int main(void){return 0;}\n");
    const ok = new Deno.Command("gcc", {
      args: ["-m32", "-static", "-o", `${dir}/t`, `${dir}/t.c`],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
    Deno.removeSync(dir, { recursive: true });
    return ok;
  } catch {
    return false;
  }
})();

/** Runs a command; throws with its stderr when it fails. Returns stdout. */
export async function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  const opts: Deno.CommandOptions = { args, stdout: "piped", stderr: "piped" };
  if (cwd) opts.cwd = cwd;
  const r = await new Deno.Command(cmd, opts).output();
  if (!r.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${new TextDecoder().decode(r.stderr)}`);
  }
  return new TextDecoder().decode(r.stdout);
}
