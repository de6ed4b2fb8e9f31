/**
 * Differential test of $((...)): fixed-seed random expressions over the C
 * operators dash supports (unary - ! ~ +, * / % + - << >> < <= > >= == !=
 * & ^ | && || ?: and the assignment operators), with literals in decimal,
 * octal and hex and variables; our shell (both builds) must print what
 * dash prints.
 */
import assert from "node:assert/strict";
import { type BuildName, BUILDS, hasDash, hasGcc32, NO_DASH, NO_GCC, run } from "./_build.ts";
import { pick, prng } from "./_prng.ts";

const ready = hasGcc32 && hasDash;
if (!ready) console.log(`sh arithmetic fuzz skipped: ${!hasGcc32 ? NO_GCC : NO_DASH}`);

const BINARY = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "<<",
  ">>",
  "<",
  "<=",
  ">",
  ">=",
  "==",
  "!=",
  "&",
  "^",
  "|",
  "&&",
  "||",
];
const LEAVES = ["x", "y", "-3", "0x1f", "010", "0", "1", "7", "13", "20"];
const ASSIGN = ["+=", "-=", "*=", "<<=", ">>=", "|=", "^=", "&=", "/=", "%="];

function expr(r: () => number, depth: number): string {
  if (depth === 0 || r() < 0.3) return pick(r, LEAVES);
  const k = r();
  if (k < 0.15) return `${pick(r, ["-", "!", "~", "+"])}(${expr(r, depth - 1)})`;
  if (k < 0.25) return `(${expr(r, depth - 1)} ? ${expr(r, depth - 1)} : ${expr(r, depth - 1)})`;
  const op = pick(r, BINARY);
  const rhs = op === "/" || op === "%"
    ? String(1 + Math.floor(r() * 7)) // never divide by zero
    : op === "<<" || op === ">>"
    ? String(Math.floor(r() * 9))
    : expr(r, depth - 1);
  return `(${expr(r, depth - 1)} ${op} ${rhs})`;
}

function script(seed: number, cases: number): string {
  const r = prng(seed);
  const lines: string[] = [];
  for (let i = 0; i < cases; i++) {
    lines.push(`x=7 y=-2; echo ${i} $(( ${expr(r, 4)} ))`);
    if (i % 10 === 0) {
      lines.push(`x=30; : $(( x ${pick(r, ASSIGN)} ${1 + Math.floor(r() * 5)} )); echo a$x`);
    }
  }
  return lines.join("\n") + "\n";
}

const built = new Map<BuildName, string>();
async function shell(build: BuildName): Promise<string> {
  const have = built.get(build);
  if (have) return have;
  const dir = await Deno.makeTempDir({ prefix: `denix-sh-arith-${build}-` });
  const path = await BUILDS[build](dir);
  built.set(build, path);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return path;
}

for (const seed of [1, 2]) {
  Deno.test({
    name: `sh evaluates 400 generated arithmetic expressions like dash (seed ${seed})`,
    ignore: !ready,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "denix-sh-arith-" });
      try {
        await Deno.writeTextFile(`${dir}/arith.sh`, script(seed, 400));
        const [denix, gcc, dash] = await Promise.all([
          run(await shell("denix"), ["arith.sh"], { cwd: dir }),
          run(await shell("gcc"), ["arith.sh"], { cwd: dir }),
          run("dash", ["arith.sh"], { cwd: dir }),
        ]);
        assert.equal(dash.stderr, "");
        assert.equal(dash.stdout.split("\n").length, 441, "dash ran every case");
        assert.equal(denix.stdout, dash.stdout, "denix-built");
        assert.equal(gcc.stdout, dash.stdout, "gcc-built");
        assert.deepEqual([denix.stderr, gcc.stderr], ["", ""]);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
