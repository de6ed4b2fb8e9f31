/**
 * Differential test of word expansion: a fixed-seed generator combines
 * values (spaces, globs, IFS characters, quotes), IFS settings and
 * expansion forms (quoted/unquoted parameters, ${...} operators, command
 * substitution, "$@"); each case runs in a subshell of one script under
 * our shell (both builds) and dash, which print the resulting fields.
 */
import assert from "node:assert/strict";
import { pick, prng } from "./_prng.ts";
import { type BuildName, BUILDS, hasDash, hasGcc32, NO_DASH, NO_GCC, run } from "./_build.ts";

const ready = hasGcc32 && hasDash;
if (!ready) console.log(`sh expansion fuzz skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);

const VALUES = ["''", "'a b'", "'*'", "'a*'", "' x '", "'a:b::c'", "'-n'", "'\\t'", `'"q"'`];
const FORMS = [
  "$v",
  '"$v"',
  "${v}",
  "${v:-d e}",
  '"${v:-d e}"',
  "${v#a}",
  '"${v%b*}"',
  "${v##*:}",
  "${#v}",
  '${v:+"alt $v"}',
  "x${v}y",
  `"x"$v'y'`,
  "$v$v",
  "${u-$v}",
  '"${u-"$v"}"',
  "$(echo $v)",
  '"$(echo "$v")"',
  "`echo $v`",
  "${u:-a*}",
  "${u:-'q r'}",
  "${v:=z w}",
  "$*",
  '"$@"',
  '"${@:-none}"',
  '${u:-"$v"x}',
  "$(printf '%s.' $v)",
  "${v%%:*}",
];
const IFS = ["", "IFS=':'; ", "IFS=''; ", "IFS=' :'; "];

function script(seed: number, cases: number): string {
  const r = prng(seed);
  const lines: string[] = [];
  for (let i = 0; i < cases; i++) {
    const set = `set -- ${pick(r, FORMS)} ${pick(r, FORMS)} ${pick(r, FORMS)}`;
    lines.push(
      `(v=${pick(r, VALUES)}; ${pick(r, IFS)}set -- p1 'p 2'; ${set}; ` +
        `printf '%s:%s' ${i} $#; for a; do printf '[%s]' "$a"; done; echo)`,
    );
  }
  return lines.join("\n") + "\n";
}

const built = new Map<BuildName, string>();
async function shell(build: BuildName): Promise<string> {
  const have = built.get(build);
  if (have) return have;
  const dir = await Deno.makeTempDir({ prefix: `denix-sh-fuzz-${build}-` });
  const path = await BUILDS[build](dir);
  built.set(build, path);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return path;
}

for (const seed of [1, 2, 3]) {
  Deno.test({
    name: `sh expands 300 generated words like dash (seed ${seed})`,
    ignore: !ready,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "denix-sh-fuzz-" });
      try {
        for (const f of ["a1", "a2", "b1", "c d"]) await Deno.writeTextFile(`${dir}/${f}`, "");
        await Deno.writeTextFile(`${dir}/cases.sh`, script(seed, 300));
        const env = { PATH: "/usr/bin:/bin", LC_ALL: "C" };
        const [denix, gcc, dash] = await Promise.all([
          run(await shell("denix"), ["cases.sh"], { cwd: dir, env }),
          run(await shell("gcc"), ["cases.sh"], { cwd: dir, env }),
          run("dash", ["cases.sh"], { cwd: dir, env }),
        ]);
        assert.equal(dash.stdout.split("\n").length, 301, "dash ran every case");
        assert.equal(denix.stdout, dash.stdout, "denix-built");
        assert.equal(gcc.stdout, dash.stdout, "gcc-built");
        assert.deepEqual([denix.stderr, gcc.stderr, dash.stderr], ["", "", ""]);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
