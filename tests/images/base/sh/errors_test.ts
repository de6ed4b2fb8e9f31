/**
 * Error behaviour against dash: each snippet runs as `sh -c SNIPPET` under
 * our shell and under dash; stdout and exit status must match and both
 * must report something on stderr (the wording is not compared).
 */
import assert from "node:assert/strict";
import { buildShell, hasDash, hasGcc32, NO_DASH, NO_GCC, run } from "./_build.ts";

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
];

let sh = "";
async function shell(): Promise<string> {
  if (sh) return sh;
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-err-" });
  sh = await buildShell(dir);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return sh;
}

for (const snippet of SNIPPETS) {
  Deno.test({
    name: `sh fails like dash on: ${snippet}`,
    ignore: !ready,
    async fn() {
      const [ours, dash] = await Promise.all([
        run(await shell(), ["-c", snippet]),
        run("dash", ["-c", snippet]),
      ]);
      assert.notEqual(dash.stderr, "", "dash reported nothing");
      assert.notEqual(ours.stderr, "", "our shell reported nothing");
      assert.equal(ours.stdout, dash.stdout);
      assert.equal(ours.code, dash.code, "exit status");
    },
  });
}
