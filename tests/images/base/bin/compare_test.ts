/**
 * cmp, diff, hexdump and od compared with GNU diffutils, util-linux and
 * coreutils; diff also on a fixed-seed random corpus (the edit scripts must
 * be GNU's, not just any minimal ones).
 */
import { equal } from "node:assert/strict";
import { build, compareAll, hasGcc, populate, run } from "./_harness.ts";

const f = {
  "a": "abcdef\nline2\n",
  "b": "abXdeY\nline2\n",
  "c": "abc",
  "same": "abcdef\nline2\n",
  "long": "a".repeat(30) + "Z" + "a".repeat(80),
  "long2": "a".repeat(30) + "Y" + "a".repeat(70) + "Q" + "b".repeat(5),
};

Deno.test({
  name: "cmp reports the first difference, lists with -l and is quiet with -s",
  ignore: !hasGcc,
  fn: () =>
    compareAll("cmp", [
      { args: ["a", "b"], files: f },
      { args: ["a", "same"], files: f },
      { args: ["a", "c"], files: f },
      { args: ["c", "a"], files: f },
      { args: ["-l", "a", "b"], files: f },
      { args: ["-l", "long", "long2"], files: f },
      { args: ["-s", "a", "b"], files: f },
      { args: ["-s", "a", "same"], files: f },
      { args: ["a", "-"], stdin: "abcdef\nline3\n", files: f },
      { args: ["a", "missing"], files: f },
    ]),
});

const lines = (s: string) => s.split(" ").join("\n") + "\n";
const d = {
  "x": lines("a b c d e f g h i j k l m"),
  "y": lines("a b X d e f g h i j k l m n"),
  "z": lines("b c d e f g h i j k l m"),
  "w": lines("a b c d e f g h i j k l m").replace(/\n$/, ""),
  "e": "",
  "r": lines("the quick brown fox jumps over the lazy dog and the cat"),
  "s": lines("the slow brown fox leaps over the lazy dog and the cat too"),
};
const strip = "| sed -e '1,2s/\\t.*//'";

Deno.test({
  name: "diff prints normal and unified formats like GNU diff",
  ignore: !hasGcc,
  fn: () =>
    compareAll("diff", [
      { args: ["x", "x"], files: d },
      { args: ["x", "y"], files: d },
      { args: ["x", "z"], files: d },
      { args: ["z", "x"], files: d },
      { args: ["x", "w"], files: d },
      { args: ["x", "e"], files: d },
      { args: ["e", "x"], files: d },
      { args: ["r", "s"], files: d },
      { args: [], shell: `$T -u x y ${strip}`, files: d },
      { args: [], shell: `$T -u x z ${strip}`, files: d },
      { args: [], shell: `$T -u w x ${strip}`, files: d },
      { args: [], shell: `$T -u e x ${strip}`, files: d },
      { args: [], shell: `$T -u r s ${strip}`, files: d },
      { args: [], shell: `$T -U 1 r s ${strip}`, files: d },
      { args: [], shell: `$T -U 0 x y ${strip}`, files: d },
      { args: ["x", "-"], stdin: "a\nb\n", files: d },
      { args: ["x", "missing"], files: d },
      { args: ["x"], files: d },
    ]),
});

/** A small deterministic PRNG (mulberry32) for the random corpus. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test({
  name: "diff chooses the same edit scripts as GNU diff on 150 random file pairs",
  ignore: !hasGcc,
  fn: async () => {
    const { diff } = await build("diff");
    const rand = rng(42);
    const dir = await populate();
    for (let k = 0; k < 150; k++) {
      const alphabet = 2 + Math.floor(rand() * 8);
      const make = (n: number) =>
        Array.from({ length: n }, () => `l${Math.floor(rand() * alphabet)}\n`).join("");
      const a = make(Math.floor(rand() * 60)), b = make(Math.floor(rand() * 60));
      await Deno.writeTextFile(`${dir}/a`, a);
      await Deno.writeTextFile(`${dir}/b`, b);
      for (const opts of [[], ["-u"]]) {
        const sh = (p: string) => `${p} ${opts.join(" ")} a b | sed -e '1,2s/\\t.*//'`;
        const ours = await run(["sh", "-c", sh(diff)], { cwd: dir });
        const gnu = await run(["sh", "-c", sh("diff")], { cwd: dir });
        equal(ours.stdout, gnu.stdout, `pair ${k} ${opts}:\n${a}---\n${b}`);
      }
    }
    await Deno.remove(dir, { recursive: true });
  },
});

const bytes = { "bin": "ab\x01\x7f\n\tZ" + "q".repeat(40) + "xyz", "small": "abc", "e": "" };

Deno.test({
  name: "hexdump -C and od -c -x -o dump bytes like util-linux and GNU od",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("hexdump", [
      { args: ["-C", "bin"], files: bytes },
      { args: ["-C", "small", "bin"], files: bytes },
      { args: ["-C", "e"], files: bytes },
      { args: ["-C"], stdin: "0123456789abcdef0123456789abcdef0123456789abcdef!" },
    ]);
    await compareAll("od", [
      { args: ["-c", "bin"], files: bytes },
      { args: ["-x", "bin"], files: bytes },
      { args: ["bin"], files: bytes },
      { args: ["-c", "-x", "small"], files: bytes },
      { args: ["-x", "-c", "bin"], files: bytes },
      { args: ["-o", "-c", "small"], files: bytes },
      { args: ["-c", "e"], files: bytes },
      { args: ["-c"], stdin: "\0\x07\b\f\r\v\x1b\xff" },
    ]);
  },
});

Deno.test({
  name: "more copies like cat with banners when not on a terminal; clear and which",
  ignore: !hasGcc,
  fn: async () => {
    const files = { "a": "1\n2\n", "b": "3\n" };
    await compareAll("more", [
      { args: ["a"], files },
      { args: ["a", "b"], files },
      { args: [], stdin: "piped\n" },
    ]);
    await compareAll("clear", [{ args: [], env: { TERM: "xterm" } }]);
    await compareAll("which", [
      { args: ["sh"] },
      { args: ["-a", "sh"] },
      { args: ["nonexistent-tool"] },
      { args: ["sh", "nonexistent-tool", "ls"] },
      { args: ["/bin/sh"] },
      { args: ["./x"], files: { "x": "" } },
      { args: [], shell: "chmod +x x; PATH=.:/bin $T x sh", files: { "x": "" } },
    ]);
  },
});

Deno.test({
  name: "kill lists signals like procps kill and delivers signals",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("kill", [
      { args: ["-l"] },
      { args: ["-l", "9"] },
      { args: ["-l", "KILL", "SIGHUP", "term"] },
      { args: ["-l", "99"] },
      { args: ["-l", "BOGUS"] },
      { args: ["-s", "BOGUS", "1"] },
      { args: [] },
    ], "/bin/kill");
    const { kill } = await build("kill");
    for (const sig of [[], ["-9"], ["-HUP"], ["-s", "USR1"], ["-s", "15"]]) {
      const r = await run([
        "sh",
        "-c",
        `sleep 5 & p=$!; ${kill} ${sig.join(" ")} $p; wait $p; echo $?`,
      ]);
      const g = await run([
        "sh",
        "-c",
        `sleep 5 & p=$!; /bin/kill ${sig.join(" ")} $p; wait $p; echo $?`,
      ]);
      equal(r.stdout, g.stdout, `kill ${sig.join(" ")}`);
    }
  },
});
