/**
 * sed compared with GNU sed: commands, addresses, -n -e -i -E, and the
 * regular-expression table again, this time checking match positions and
 * groups through substitutions.
 */
import { equal } from "node:assert/strict";
import { build, type Case, compareAll, hasGcc, populate, run } from "./_harness.ts";
import { COMMON, EXTENDED, LINES } from "./_regex_table.ts";

const files = { "in.txt": LINES.join("\n") + "\n" };
/** Patterns GNU grep accepts but GNU sed rejects (stricter syntax bits); matching agrees otherwise. */
const SED_REJECTS = ["a**", "{1}a", "a{1", "a{x}", "*a", "+a"];

function table(patterns: string[], ere: boolean): Case[] {
  const flag = ere ? ["-E"] : [];
  const group = ere ? "(" : "\\(";
  return patterns.filter((p) => !SED_REJECTS.includes(p)).flatMap((p) => {
    const cases: Case[] = [
      { args: [...flag, "-n", `s/${p}/[&]/gp`, "in.txt"], files },
      { args: [...flag, `s/${p}/<&>/2`, "in.txt"], files },
    ];
    if (p.includes(group)) cases.push({ args: [...flag, `s/${p}/{\\1}/g`, "in.txt"], files });
    return cases;
  });
}

Deno.test({
  name: "sed substitutes at the same positions as GNU sed for the BRE table",
  ignore: !hasGcc,
  fn: () => compareAll("sed", table(COMMON, false)),
});

Deno.test({
  name: "sed substitutes at the same positions as GNU sed for the ERE table",
  ignore: !hasGcc,
  fn: () => compareAll("sed", table(EXTENDED, true)),
});

const text = "one\ntwo\nthree\nfour\nfive\nsix\n";
const t = { "t.txt": text, "u.txt": "alpha\nbeta", "n.txt": "x\n" };

Deno.test({
  name: "sed runs s d p q = with line, $, regex and range addresses like GNU sed",
  ignore: !hasGcc,
  fn: () =>
    compareAll("sed", [
      { args: ["s/o/0/", "t.txt"], files: t },
      { args: ["s/o/0/g", "t.txt"], files: t },
      { args: ["-n", "s/e/E/2p", "t.txt"], files: t },
      { args: ["s/E/x/Ig", "t.txt"], files: t },
      { args: ["s|o|/|g", "t.txt"], files: t },
      { args: ["s/\\(.\\)\\(.\\)/\\2\\1/", "t.txt"], files: t },
      { args: ["-E", "s/(.)(.)/\\2\\1/", "t.txt"], files: t },
      { args: ["-r", "s/[aeiou]+/<&>/g", "t.txt"], files: t },
      { args: ["s/o/a\\nb/", "t.txt"], files: t },
      { args: ["s/o/\\&\\\\/", "t.txt"], files: t },
      { args: ["2d", "t.txt"], files: t },
      { args: ["$d", "t.txt"], files: t },
      { args: ["2,4d", "t.txt"], files: t },
      { args: ["4,2d", "t.txt"], files: t },
      { args: ["/two/,/four/d", "t.txt"], files: t },
      { args: ["/t/,3d", "t.txt"], files: t },
      { args: ["-n", "/f/p", "t.txt"], files: t },
      { args: ["-n", "$p", "t.txt", "u.txt"], files: t },
      { args: ["-n", "\\,x,p", "t.txt", "n.txt"], files: t },
      { args: ["p", "u.txt"], files: t },
      { args: ["3q", "t.txt"], files: t },
      { args: ["-n", "3q", "t.txt"], files: t },
      { args: ["/four/q5", "t.txt"], files: t },
      { args: ["-n", "$=", "t.txt"], files: t },
      { args: ["=", "u.txt"], files: t },
      { args: ["2!d", "t.txt"], files: t },
      { args: ["/o/!s/e/E/", "t.txt"], files: t },
      { args: ["-e", "s/o/0/", "-e", "s/e/3/", "t.txt"], files: t },
      { args: ["s/o/0/;2d;$p", "t.txt"], files: t },
      { args: ["/e/s//E/g", "t.txt"], files: t },
      { args: ["s/x/y/"], stdin: "axb\nx", files: t },
      { args: ["s/x/y/", "missing", "n.txt"], files: t },
      { args: ["s/x/y", "n.txt"], files: t },
      { args: ["k", "n.txt"], files: t },
      { args: ["s/\\(x\\)/\\2/", "n.txt"], files: t },
    ]),
});

Deno.test({
  name: "sed runs y P D a i c n N h H g G x { } : b t like GNU sed",
  ignore: !hasGcc,
  fn: () =>
    compareAll("sed", [
      { args: ["y/abc/xyz/", "u.txt"], files: t },
      { args: ["s/a/b/;y/ot/OT/", "t.txt"], files: t },
      { args: ["1!G;h;$!d", "t.txt"], files: t },
      { args: ["$!N;P;D", "t.txt"], files: t },
      { args: ["-n", "/o/{s/o/0/;p}", "t.txt"], files: t },
      { args: [":a;N;$!ba;s/\\n/,/g", "t.txt"], files: t },
      { args: ["2i\\\ninserted", "t.txt"], files: t },
      { args: ["3a appended", "t.txt"], files: t },
      { args: ["$a end", "u.txt"], files: t },
      { args: ["/two/,/four/c changed", "t.txt"], files: t },
      { args: ["n;d", "t.txt"], files: t },
      { args: ["-n", "h;n;G;p", "t.txt"], files: t },
      { args: ["x;$!d;x;G", "t.txt"], files: t },
      { args: ["H;$!d;x;s/\\n/|/g", "t.txt"], files: t },
      { args: ["s/o/0/;t;s/$/!/", "t.txt"], files: t },
      { args: ["s/o/0/;tdone;s/$/!/;:done", "t.txt"], files: t },
      { args: ["/e/b;s/^/-/", "t.txt"], files: t },
      { args: ["2{p;p}", "t.txt"], files: t },
      { args: ["b nowhere", "t.txt"], files: t },
      { args: ["y/ab/x/", "t.txt"], files: t },
      { args: ["{p", "t.txt"], files: t },
    ]),
});

Deno.test({
  name: "sed -i edits each file in place, restarting line numbers and $",
  ignore: !hasGcc,
  fn: () =>
    compareAll("sed", [
      { args: ["-i", "s/o/0/g;1d", "t.txt", "u.txt"], files: t, tree: true },
      { args: ["-i", "-n", "$p", "t.txt", "u.txt"], files: t, tree: true },
      { args: ["-i", "-e", "2q", "t.txt"], files: t, tree: true },
    ]),
});

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test({
  name: "sed -E finds the same leftmost-longest matches as GNU sed for 300 random patterns",
  ignore: !hasGcc,
  fn: async () => {
    const { sed } = await build("sed");
    const rand = rng(3);
    const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
    const gen = (d: number): string => {
      const r = rand();
      if (d > 3 || r < 0.35) return pick(["a", "b", "c", ".", "[ab]", "[^a]", "x"]);
      if (r < 0.55) return gen(d + 1) + gen(d + 1);
      if (r < 0.7) return `(${gen(d + 1)})${pick(["*", "+", "?", "{1,2}", "", "{2}"])}`;
      if (r < 0.85) return `${gen(d + 1)}|${gen(d + 1)}`;
      return gen(d + 1) + pick(["*", "+", "?"]);
    };
    const text = Array.from(
      { length: 30 },
      () =>
        Array.from({ length: Math.floor(rand() * 9) }, () => pick(["a", "b", "c", "x"])).join(""),
    ).join("\n") + "\n";
    const dir = await populate({ "in.txt": text });
    for (let k = 0; k < 300; k++) {
      const p = (rand() < 0.2 ? "^" : "") + gen(0) + (rand() < 0.2 ? "$" : "");
      const args = ["-E", `s/${p}/[&]/g`, "in.txt"];
      const ours = await run([sed, ...args], { cwd: dir });
      const gnu = await run(["sed", ...args], { cwd: dir });
      equal(ours.stdout, gnu.stdout, `s/${p}/[&]/g`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});
