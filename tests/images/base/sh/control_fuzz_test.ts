/**
 * Differential test of the grammar and control flow: fixed-seed random
 * nestings of if/else, for with break/continue, while, case, && || !,
 * pipelines, groups, subshells, command substitution and function calls
 * (with $?, $#, return and global side effects); our shell (both builds)
 * must print what dash prints, line for line.
 */
import assert from "node:assert/strict";
import { type BuildName, BUILDS, hasDash, hasGcc32, NO_DASH, NO_GCC, run } from "./_build.ts";
import { pick, prng } from "./_prng.ts";

const ready = hasGcc32 && hasDash;
if (!ready) console.log(`sh control-flow fuzz skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);

const SIMPLE = [
  "echo a",
  "echo b c",
  "true",
  "false",
  "x=$((x+1))",
  "echo $x",
  "f",
  "g 1 2",
  "(echo sub)",
  "{ echo grp; }",
  "echo $?",
  "[ $x -gt 2 ]",
  ": $((x=x*2))",
  "printf '%s,' p q",
  'echo "$*"',
];

function cmd(r: () => number, d: number): string {
  if (d <= 0) return pick(r, SIMPLE);
  const k = r(), c = () => cmd(r, d - 1);
  if (k < 0.25) return pick(r, SIMPLE);
  if (k < 0.35) return `if ${c()}; then ${c()}; else ${c()}; fi`;
  if (k < 0.42) {
    return `for i in 1 2 3; do ${c()}; [ $i = 2 ] && ${
      pick(r, ["break", "continue", "echo mid"])
    }; done`;
  }
  if (k < 0.49) return `n=0; while [ $n -lt 2 ]; do n=$((n+1)); ${c()}; done`;
  if (k < 0.56) return `case $x in 1|2) ${c()};; *) ${c()};; esac`;
  if (k < 0.66) return `${c()} && ${c()}`;
  if (k < 0.76) return `${c()} || ${c()}`;
  if (k < 0.84) return `{ ${c()}; } | cat`;
  if (k < 0.90) return `! { ${c()}; }`;
  if (k < 0.95) return `echo $( ${c()} )`;
  return `${c()}; ${c()}`;
}

function script(seed: number, cases: number): string {
  const r = prng(seed);
  const lines = ["f() { echo f-body; return 3; }", 'g() { echo "g:$#:$*"; x=$((x+5)); }', "x=1"];
  for (let i = 0; i < cases; i++) lines.push(`echo '#${i}'; ${cmd(r, 3)}; echo "st=$? x=$x"`);
  return lines.join("\n") + "\n";
}

const built = new Map<BuildName, string>();
async function shell(build: BuildName): Promise<string> {
  const have = built.get(build);
  if (have) return have;
  const dir = await Deno.makeTempDir({ prefix: `denix-sh-ctl-${build}-` });
  const path = await BUILDS[build](dir);
  built.set(build, path);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return path;
}

for (const seed of [1, 2]) {
  Deno.test({
    name: `sh runs 200 generated compound commands like dash (seed ${seed})`,
    ignore: !ready,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "denix-sh-ctl-" });
      try {
        await Deno.writeTextFile(`${dir}/ctl.sh`, script(seed, 200));
        const env = { PATH: "/usr/bin:/bin", LC_ALL: "C" };
        const [denix, gcc, dash] = await Promise.all([
          run(await shell("denix"), ["ctl.sh"], { cwd: dir, env }),
          run(await shell("gcc"), ["ctl.sh"], { cwd: dir, env }),
          run("dash", ["ctl.sh"], { cwd: dir, env }),
        ]);
        assert.equal(dash.stderr, "");
        assert.match(dash.stdout, /#199\n/, "dash ran every case");
        assert.equal(denix.stdout, dash.stdout, "denix-built");
        assert.equal(gcc.stdout, dash.stdout, "gcc-built");
        assert.deepEqual([denix.code, gcc.code, denix.stderr, gcc.stderr], [
          dash.code,
          dash.code,
          "",
          "",
        ]);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
