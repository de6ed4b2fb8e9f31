/**
 * End to end: the shell built by denix's toolchain runs under the denix
 * kernel (`denix exec`, the emulated i386 machine) and must print and exit
 * exactly like the host's dash on the oracle scripts that need no external
 * program (the guest of `denix exec` has no /bin yet). Forks, pipes,
 * subshells, command substitution, traps and here-documents all go through
 * denix's system calls here.
 */
import assert from "node:assert/strict";
import { BUILDS, hasDash, NO_DASH, run, SCRIPTS } from "./_build.ts";

const MAIN = new URL("../../../../main.ts", import.meta.url).pathname;

/** Scripts that use builtins only (printf %f is left out: no x87 yet). */
const BUILTIN_ONLY = [
  "arithmetic.sh",
  "command_subst.sh",
  "control_flow.sh",
  "field_splitting.sh",
  "functions.sh",
  "parameters.sh",
  "realistic_case.sh",
  "realistic_recursion.sh",
  "simple_commands.sh",
];

let sh = "";
async function shell(): Promise<string> {
  if (sh) return sh;
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-kernel-" });
  sh = await BUILDS.denix(dir);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return sh;
}

for (const name of BUILTIN_ONLY) {
  Deno.test({
    name: `denix-built sh runs ${name} under the denix kernel exactly like dash`,
    ignore: !hasDash,
    async fn() {
      const env = { PATH: "/bin", HOME: "/tmp", LC_ALL: "C" };
      const [ours, dash] = await Promise.all([
        run(Deno.execPath(), ["run", "-A", MAIN, "exec", await shell(), name], {
          cwd: SCRIPTS,
          env,
        }),
        run("dash", [name], { cwd: SCRIPTS, env }),
      ]);
      assert.equal(ours.stderr, "");
      assert.equal(ours.stdout, dash.stdout);
      assert.equal(ours.code, dash.code, "exit status");
    },
  });
}

if (!hasDash) console.log(`sh kernel tests skipped: ${NO_DASH}`);
