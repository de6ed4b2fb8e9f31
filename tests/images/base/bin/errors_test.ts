/** Error messages on stderr match GNU's wording (ignoring the "Try --help" hint). */
import { build, type Case, compareAll, hasGcc } from "./_harness.ts";

const files = { "f.txt": "text\n", "d/": "", "bin.dat": "abc\0def\nxyz abc\n" };
const cases: [string, string[]][] = [
  ["cat", ["nofile"]],
  ["ls", ["nofile"]],
  ["ls", ["-j"]],
  ["rm", ["nofile"]],
  ["rm", ["d"]],
  ["rm", []],
  ["rmdir", ["nofile"]],
  ["mkdir", ["d"]],
  ["mkdir", []],
  ["cp", ["nofile", "x"]],
  ["cp", ["d", "x"]],
  ["cp", ["f.txt"]],
  ["mv", ["nofile", "x"]],
  ["head", ["nofile"]],
  ["tail", ["nofile"]],
  ["wc", ["nofile"]],
  ["chmod", ["755", "nofile"]],
  ["chmod", ["u*x", "f.txt"]],
  ["touch", ["nodir/x"]],
  ["ln", ["-s", "a", "nodir/x"]],
  ["ln", ["f.txt", "f.txt"]],
  ["du", ["nofile"]],
  ["grep", ["x", "nofile"]],
  ["grep", ["abc", "bin.dat"]],
  ["grep", ["-E", "a{1,2", "f.txt"]],
  ["grep", ["\\(", "f.txt"]],
  ["sed", ["p", "nofile"]],
  ["sed", ["s/x/y", "f.txt"]],
  ["sed", ["k", "f.txt"]],
  ["sed", ["p x", "f.txt"]],
  ["sed", ["s/\\(x\\)/\\2/", "f.txt"]],
  ["sed", ["s/x/y/;s/\\(/z/g", "f.txt"]],
  ["sed", ["1,p", "f.txt"]],
  ["sed", ["/abc", "f.txt"]],
  ["sed", ["s/a/b/q", "f.txt"]],
  ["cut", ["-f1", "nofile"]],
  ["uniq", ["nofile"]],
  ["od", ["nofile"]],
  ["tee", ["nodir/x"]],
  ["cmp", ["f.txt", "nofile"]],
  ["sort", ["-k", "0", "f.txt"]],
  ["seq", ["x"]],
  ["basename"],
  ["dirname"],
].map((c) => (Array.isArray(c[1]) ? c : [c[0], []]) as [string, string[]]);

Deno.test({
  name: "tools report errors with GNU's messages",
  ignore: !hasGcc,
  fn: async () => {
    await build(...new Set(cases.map(([tool]) => tool))); // in parallel
    for (const [tool, args] of cases) {
      const c: Case = { args, files, stderr: true };
      await compareAll(tool, [c]);
    }
  },
});
