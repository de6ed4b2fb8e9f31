/**
 * Error behaviour against dash: each snippet runs as `sh -c SNIPPET` under
 * our shell (denix-built and gcc-built) and under dash; stdout and exit
 * status must match and all must report something on stderr (the wording
 * is not compared).
 */
import assert from "node:assert/strict";
import { type BuildName, BUILDS, hasDash, hasGcc32, NO_DASH, NO_GCC, run } from "./_build.ts";

const ready = hasGcc32 && hasDash;
if (!ready) console.log(`sh error tests skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);

const SNIPPETS = [
  "if true; then echo x",
  'echo "unterminated',
  "echo ${x?unset var}; echo after",
  "set -u; echo $nope; echo after",
  "echo $((1/0)); echo after",
  "nonexist_cmd; echo $?",
  "cd /nonexistent; echo $?",
  "shift 5; echo after",
  "readonly r=1; r=2; echo after",
  ": > /nonexistent/file; echo $?",
  "cat < /nonexistent; echo $?",
  "echo ${x",
  "fi",
  "exec /nonexistent; echo after",
  "echo a | | b",
  "( ; )",
  ". /nonexistent; echo after",
  'eval "if"; echo after',
  "echo $(( 1 + )); echo after",
  "export 1a=b; echo $?",
  "test 1 -eq a; echo $?",
  "f() { echo; ",
  "case x in",
  "! ! true; echo $?",
];

const built = new Map<BuildName, string>();
async function shell(build: BuildName): Promise<string> {
  const have = built.get(build);
  if (have) return have;
  const dir = await Deno.makeTempDir({ prefix: `denix-sh-err-${build}-` });
  const path = await BUILDS[build](dir);
  built.set(build, path);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return path;
}

for (const snippet of SNIPPETS) {
  Deno.test({
    name: `sh (denix- and gcc-built) fails like dash on: ${snippet}`,
    ignore: !ready,
    async fn() {
      const [denix, gcc, dash] = await Promise.all([
        run(await shell("denix"), ["-c", snippet]),
        run(await shell("gcc"), ["-c", snippet]),
        run("dash", ["-c", snippet]),
      ]);
      assert.notEqual(dash.stderr, "", "dash reported nothing");
      for (const [build, ours] of [["denix-built", denix], ["gcc-built", gcc]] as const) {
        assert.notEqual(ours.stderr, "", `our ${build} shell reported nothing`);
        assert.equal(ours.stdout, dash.stdout, `${build} stdout`);
        assert.equal(ours.code, dash.code, `${build} exit status`);
      }
    },
  });
}
