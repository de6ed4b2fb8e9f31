/**
 * The tools built by denix's toolchain behave exactly like GNU's on a
 * cross-section of the suites (the regex tables through grep and sed, sort,
 * diff, ls, wc, tr, cut, od, hexdump), built two ways: denix cc + as with an
 * INTERIM gcc link against glibc, and denix cc + as + ld against denix libc
 * (no host toolchain at all). The whole suite can run on the latter with
 * DENIX_TOOLS_CC=denix-libc.
 */
import { type Case, compareAll, hasGcc } from "./_harness.ts";
import { COMMON, EXTENDED, LINES } from "./_regex_table.ts";

const files = { "in.txt": LINES.join("\n") + "\n" };
const table = [
  "banana 3 yellow",
  "apple 10 red",
  "cherry 2 red",
  " fig 7.5 purple",
  "Apple 10 red",
  "grape -3.25 purple",
].join("\n") + "\n";
const tree = { "t.txt": table, "d/": "", "d/x": "xx\n", "d/sub/": "", "d/sub/y": "y".repeat(3000) };

const suites: [string, Case[], string?][] = [
  ["grep", [
    ...COMMON.map((p) => ({ args: ["-G", "-n", "-e", p, "in.txt"], files })),
    ...EXTENDED.map((p) => ({ args: ["-E", "-c", "-i", "-e", p, "in.txt"], files })),
  ]],
  [
    "sed",
    EXTENDED.filter((p) => !["{1}a", "a{1", "a{x}", "*a", "+a", "a**"].includes(p))
      .map((p) => ({ args: ["-E", "-n", `s/${p}/[&]/gp`, "in.txt"], files })),
  ],
  ["sort", [
    { args: ["t.txt"], files: tree },
    { args: ["-n", "-k", "2", "t.txt"], files: tree },
    { args: ["-r", "-k", "3,3", "-k", "1,1", "t.txt"], files: tree },
    { args: ["-u", "-t", " ", "-k", "3", "t.txt"], files: tree },
  ]],
  ["diff", [
    { args: [], shell: "$T in.txt t.txt | head -50", files: { ...files, ...tree } },
    { args: [], shell: "sed 's/a/A/;5d' in.txt > b; $T -u in.txt b | sed 1,2d", files },
  ]],
  ["ls", [
    { args: ["-l", "d", "t.txt"], files: tree },
    { args: ["-R", "-a"], files: tree },
    { args: ["-C"], files: tree, env: { COLUMNS: "20" } },
  ]],
  ["wc", [{ args: ["in.txt", "t.txt"], files: { ...files, ...tree } }]],
  ["tr", [{ args: ["a-z", "A-Z"], stdin: table }, {
    args: ["-s", "-c", "a-z", "\\n"],
    stdin: table,
  }]],
  ["cut", [{ args: ["-d", " ", "-f", "2-"], stdin: table }, {
    args: ["-c", "2-4,7"],
    stdin: table,
  }]],
  ["od", [{ args: ["-c", "-x", "in.txt"], files }]],
  ["hexdump", [{ args: ["-C", "in.txt"], files }]],
];

for (const [tool, cases, gnu] of suites) {
  Deno.test({
    name: `${tool} built by denix cc behaves like GNU ${tool}`,
    ignore: !hasGcc,
    fn: () => compareAll(tool, cases, gnu ?? tool, "denix"),
  });
  Deno.test({
    name: `${tool} built by denix cc, as and ld with denix libc behaves like GNU ${tool}`,
    ignore: !hasGcc,
    fn: () => compareAll(tool, cases, gnu ?? tool, "denix-libc"),
  });
}
