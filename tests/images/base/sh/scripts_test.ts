/**
 * Oracle tests of the shell language: every script in scripts/ runs under
 * our shell (built natively, interim) and under the host's dash; stdout and
 * exit status must match and neither may write to stderr. In both runs
 * `sh` on PATH is the shell under test, so `sh -c` and `sh script` nest.
 */
import assert from "node:assert/strict";
import { buildShell, hasDash, hasGcc32, NO_DASH, NO_GCC, run, SCRIPTS } from "./_build.ts";

const ready = hasGcc32 && hasDash;
const scripts = [...Deno.readDirSync(SCRIPTS)]
  .filter((e) => e.name.endsWith(".sh"))
  .map((e) => e.name)
  .sort();

let root = "";
async function setup(): Promise<string> {
  if (root) return root;
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-" });
  for (const d of ["ours", "dash", "tmp"]) await Deno.mkdir(`${dir}/${d}`);
  await buildShell(`${dir}/ours`);
  await Deno.symlink(
    (await run("sh", ["-c", "command -v dash"])).stdout.trim(),
    `${dir}/dash/sh`,
  );
  root = dir;
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return dir;
}

async function runUnder(which: "ours" | "dash", script: string) {
  const dir = await setup();
  const tmp = await Deno.makeTempDir({ dir: `${dir}/tmp` });
  const env = {
    PATH: `${dir}/${which}:/usr/local/bin:/usr/bin:/bin`,
    HOME: tmp,
    TMPDIR: tmp,
    LC_ALL: "C",
  };
  const r = await run(`${dir}/${which}/sh`, [SCRIPTS + script], { cwd: tmp, env });
  await Deno.remove(tmp, { recursive: true });
  return r;
}

for (const name of scripts) {
  Deno.test({
    name: `sh runs ${name} exactly like dash`,
    ignore: !ready,
    async fn() {
      const [ours, dash] = await Promise.all([runUnder("ours", name), runUnder("dash", name)]);
      assert.equal(dash.stderr, "", "the oracle run wrote to stderr");
      assert.equal(ours.stderr, "", "our shell wrote to stderr");
      assert.equal(ours.stdout, dash.stdout);
      assert.equal(ours.code, dash.code, "exit status");
    },
  });
}

if (!ready) console.log(`sh script tests skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);
