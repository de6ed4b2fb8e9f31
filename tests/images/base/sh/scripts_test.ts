/**
 * Oracle tests of the shell language: every script in scripts/ runs under
 * our shell — built by denix's toolchain and, separately, by gcc; both run
 * natively on the host (interim) — and under the host's dash. stdout and
 * exit status must match and none may write to stderr. In each run `sh` on
 * PATH is the shell under test, so `sh -c` and `sh script` nest.
 */
import assert from "node:assert/strict";
import { BUILDS, hasDash, hasGcc32, NO_DASH, NO_GCC, run, SCRIPTS } from "./_build.ts";

const ready = hasGcc32 && hasDash;
const scripts = [...Deno.readDirSync(SCRIPTS)]
  .filter((e) => e.name.endsWith(".sh"))
  .map((e) => e.name)
  .sort();

let root = "";
async function setup(): Promise<string> {
  if (root) return root;
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-" });
  for (const d of ["denix", "gcc", "dash", "tmp"]) await Deno.mkdir(`${dir}/${d}`);
  await BUILDS.denix(`${dir}/denix`);
  await BUILDS.gcc(`${dir}/gcc`);
  await Deno.symlink(
    (await run("sh", ["-c", "command -v dash"])).stdout.trim(),
    `${dir}/dash/sh`,
  );
  root = dir;
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return dir;
}

async function runUnder(which: "denix" | "gcc" | "dash", script: string) {
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
    name: `sh (denix- and gcc-built) runs ${name} exactly like dash`,
    ignore: !ready,
    async fn() {
      const [denix, gcc, dash] = await Promise.all([
        runUnder("denix", name),
        runUnder("gcc", name),
        runUnder("dash", name),
      ]);
      assert.equal(dash.stderr, "", "the oracle run wrote to stderr");
      for (const [build, ours] of [["denix-built", denix], ["gcc-built", gcc]] as const) {
        assert.equal(ours.stderr, "", `our ${build} shell wrote to stderr`);
        assert.equal(ours.stdout, dash.stdout, `${build} stdout`);
        assert.equal(ours.code, dash.code, `${build} exit status`);
      }
    },
  });
}

if (!ready) console.log(`sh script tests skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);
