/** head, tail, wc, sort, uniq, cut, tr and tee compared with GNU coreutils. */
import { equal } from "node:assert/strict";
import { build, compareAll, hasGcc, run } from "./_harness.ts";

const lines = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
const files = { "l.txt": lines, "s.txt": "a\nb\nc\n", "nonl.txt": "x\ny\nno newline", "e": "" };

Deno.test({
  name: "head prints the first lines or bytes like GNU head",
  ignore: !hasGcc,
  fn: () =>
    compareAll("head", [
      { args: ["l.txt"], files },
      { args: ["-n", "3", "l.txt"], files },
      { args: ["-n3", "s.txt", "l.txt"], files },
      { args: ["-c", "7", "l.txt"], files },
      { args: ["-n", "0", "l.txt"], files },
      { args: ["-n", "5"], stdin: lines, files },
      { args: ["nonl.txt", "missing", "e"], files },
      { args: ["-n", "x", "l.txt"], files },
    ]),
});

Deno.test({
  name: "tail prints the last lines or bytes, or from +N, like GNU tail",
  ignore: !hasGcc,
  fn: () =>
    compareAll("tail", [
      { args: ["l.txt"], files },
      { args: ["-n", "3", "l.txt"], files },
      { args: ["-n", "+20", "l.txt"], files },
      { args: ["-n", "+1", "s.txt"], files },
      { args: ["-c", "5", "l.txt"], files },
      { args: ["-c", "+5", "s.txt"], files },
      { args: ["-n", "2", "nonl.txt"], files },
      { args: ["-n", "0", "l.txt"], files },
      { args: ["-n", "100", "s.txt", "nonl.txt"], files },
      { args: ["-n", "2"], stdin: lines, files },
      { args: ["missing", "s.txt"], files },
      {
        args: [],
        shell: "($T -f s.txt & p=$!; sleep 0.3; echo d >> s.txt; sleep 1.3; kill $p)",
        files,
      },
    ]),
});

const words = "one two  three\n\tfour\n\nfive six seven eight nine ten\nlast words no newline";

Deno.test({
  name: "wc counts lines, words and bytes with GNU column widths",
  ignore: !hasGcc,
  fn: () =>
    compareAll("wc", [
      { args: ["w.txt"], files: { "w.txt": words } },
      { args: ["-l", "w.txt"], files: { "w.txt": words } },
      { args: ["-w", "-c", "w.txt"], files: { "w.txt": words } },
      { args: ["-lwc", "w.txt", "l.txt"], files: { "w.txt": words, "l.txt": lines } },
      { args: [], stdin: words },
      { args: ["-l"], stdin: words },
      { args: ["-c", "-"], stdin: words },
      { args: ["w.txt", "missing"], files: { "w.txt": words } },
      { args: ["missing", "w.txt"], files: { "w.txt": words } },
      { args: ["e"], files: { "e": "" } },
      { args: ["b"], files: { "b": "a\x01b c\x7f\x80d\n" } },
    ]),
});

const table = [
  "banana 3 yellow",
  "apple 10 red",
  "cherry 2 red",
  "apple 2 green",
  "date -1 brown",
  " fig 7.5 purple",
  "Apple 10 red",
  "elder 0 black",
  "grape 3.25 purple",
  "apple 10 red",
  "",
  "kiwi x green",
].join("\n") + "\n";
const csv = "c:3:z\na:10:y\nb:2:x\na:1:w\nb:2:a\n";
const t = { "t.txt": table, "c.csv": csv, "u.txt": "a\na\nb\nc\nc\nc\na\n" };

Deno.test({
  name: "sort orders lines like GNU sort with -n -r -u -k -t",
  ignore: !hasGcc,
  fn: () =>
    compareAll("sort", [
      { args: ["t.txt"], files: t },
      { args: ["-r", "t.txt"], files: t },
      { args: ["-u", "t.txt"], files: t },
      { args: ["-n", "t.txt"], files: t },
      { args: ["-k", "2", "t.txt"], files: t },
      { args: ["-k", "2n", "t.txt"], files: t },
      { args: ["-n", "-k", "2", "t.txt"], files: t },
      { args: ["-k", "2,2n", "-k", "1,1r", "t.txt"], files: t },
      { args: ["-k", "3", "-k", "1", "t.txt"], files: t },
      { args: ["-k", "1.2,1.3", "t.txt"], files: t },
      { args: ["-t", ":", "-k", "2n", "c.csv"], files: t },
      { args: ["-t", ":", "-k", "1,1", "-k", "2n", "c.csv"], files: t },
      { args: ["-t", ":", "-k", "1,1", "-u", "c.csv"], files: t },
      { args: ["-t", ":", "-k", "3r", "c.csv"], files: t },
      { args: ["-rn", "-t", ":", "-k", "2", "c.csv"], files: t },
      { args: ["-nu"], stdin: "3\n03\n1\n-0\n0\nx\n2.0\n2\n-5\n-10\n", files: t },
      { args: ["t.txt", "c.csv"], files: t },
      { args: [], stdin: "b\na\nc", files: t },
      { args: ["missing"], files: t },
    ]),
});

Deno.test({
  name: "uniq collapses adjacent duplicates with -c -d -u",
  ignore: !hasGcc,
  fn: () =>
    compareAll("uniq", [
      { args: ["u.txt"], files: t },
      { args: ["-c", "u.txt"], files: t },
      { args: ["-d", "u.txt"], files: t },
      { args: ["-u", "u.txt"], files: t },
      { args: ["-cd"], stdin: "x\nx\ny\nz\nz", files: t },
      { args: ["u.txt", "out"], files: t, tree: true },
    ]),
});

Deno.test({
  name: "cut selects fields and characters like GNU cut",
  ignore: !hasGcc,
  fn: () =>
    compareAll("cut", [
      { args: ["-d", ":", "-f", "2", "c.csv"], files: t },
      { args: ["-d:", "-f", "1,3", "c.csv"], files: t },
      { args: ["-d", ":", "-f", "2-"], stdin: "a:b:c:d\nnone\n", files: t },
      { args: ["-d", ":", "-s", "-f", "-2"], stdin: "a:b:c:d\nnone\n", files: t },
      { args: ["-f", "2"], stdin: "a\tb\tc\nx\n", files: t },
      { args: ["-d", " ", "-f", "1,3", "t.txt"], files: t },
      { args: ["-c", "1-3,6", "t.txt"], files: t },
      { args: ["-c", "4-"], stdin: "abcdefg\nab\n", files: t },
      { args: ["-b", "-2"], stdin: "abcdefg\n", files: t },
      { args: ["-f", "0"], stdin: "x\n", files: t },
      { args: ["-d", ":"], stdin: "x\n", files: t },
    ]),
});

const text = "Hello, World! 123\naaa   bbb\ttabs\nMiXeD CaSe\n";

Deno.test({
  name: "tr translates, deletes and squeezes like GNU tr",
  ignore: !hasGcc,
  fn: () =>
    compareAll("tr", [
      { args: ["a-z", "A-Z"], stdin: text },
      { args: ["[:lower:]", "[:upper:]"], stdin: text },
      { args: ["[:upper:]", "[:lower:]"], stdin: text },
      { args: ["abc", "x"], stdin: text },
      { args: ["-d", "aeiou"], stdin: text },
      { args: ["-d", "[:digit:][:punct:]"], stdin: text },
      { args: ["-s", " "], stdin: text },
      { args: ["-s", "a-z"], stdin: text },
      { args: ["-c", "a-z\\n", "_"], stdin: text },
      { args: ["-cd", "[:alpha:]\\n"], stdin: text },
      { args: ["-ds", "0-9", "a"], stdin: text },
      { args: ["-s", "a-z", "A-Z"], stdin: text },
      { args: ["\\n\\t", "NT"], stdin: text },
      { args: ["\\101-\\103", "x-z"], stdin: "ABCD" },
      { args: ["a"], stdin: text },
      { args: ["z-a", "x"], stdin: text },
    ]),
});

Deno.test({
  name: "tee copies its input to standard output and files, appending with -a",
  ignore: !hasGcc,
  fn: () =>
    compareAll("tee", [
      { args: ["o1", "o2"], stdin: text, tree: true },
      { args: ["-a", "s.txt"], stdin: text, files, tree: true },
      { args: [], stdin: text },
      { args: ["nodir/x", "o"], stdin: text, tree: true },
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
  name: "sort agrees with GNU sort on 200 random inputs and key specifications",
  ignore: !hasGcc,
  fn: async () => {
    const { sort } = await build("sort");
    const rand = rng(7);
    const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
    const words = [
      "a",
      "B",
      "b",
      "10",
      "9",
      "-3",
      "2.5",
      "-0",
      "007",
      "x y",
      "",
      "  7",
      " 1.10",
      "abc",
    ]
      .concat(["Abc", "1e3", "+5", ":", "-", "0.0", ".5", "-.5"]);
    const optsList = [[], ["-n"], ["-r"], ["-u"], ["-nr"], ["-k2"], ["-k2n"], ["-k2,2"], ["-b"]]
      .concat([["-k2,2n", "-k1,1r"], ["-t:", "-k2n"], ["-t:", "-k2,2", "-k1"], ["-un"], ["-bu"]])
      .concat([["-k1.2,1.3"], ["-k2b"], ["-b", "-k2"], ["-t:", "-u", "-k1,1"], ["-k3n", "-r"]])
      .concat([["-k2.2b,2.4"], ["-k2.2,2.4b"], ["-t", " ", "-k2"], ["-k2,3"], ["-k2bn"]]);
    for (let k = 0; k < 200; k++) {
      const lines = Array.from(
        { length: Math.floor(rand() * 12) },
        () =>
          Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(words))
            .join(pick([" ", ":", "  ", "\t"])),
      );
      const input = lines.length ? lines.join("\n") + "\n" : "";
      const opts = pick(optsList);
      const ours = await run([sort, ...opts], { stdin: input });
      const gnu = await run(["sort", ...opts], { stdin: input });
      equal(ours.stdout, gnu.stdout, `sort ${opts.join(" ")} on ${JSON.stringify(input)}`);
    }
  },
});
