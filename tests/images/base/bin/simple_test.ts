/** cat, echo, true, false, yes, pwd, basename, dirname compared with GNU coreutils. */
import { compareAll, hasGcc } from "./_harness.ts";

const files = { "a": "one\ntwo\n", "b": "three", "empty": "" };

Deno.test({
  name: "cat concatenates files, stdin and '-' like GNU cat, numbering with -n",
  ignore: !hasGcc,
  fn: () =>
    compareAll("cat", [
      { args: ["a", "b"], files },
      { args: [], stdin: "from stdin\n", files },
      { args: ["a", "-", "b"], stdin: "middle\n", files },
      { args: ["-n", "a", "b", "a"], files },
      { args: ["-n"], stdin: "\n\nx\n", files },
      { args: ["a", "missing", "b"], files },
      { args: ["empty"], files },
    ]),
});

Deno.test({
  name: "echo prints arguments like GNU /bin/echo with -n -e -E",
  ignore: !hasGcc,
  fn: () =>
    compareAll("echo", [
      { args: [] },
      { args: ["a", "b  c", "d"] },
      { args: ["-n", "x"] },
      { args: ["-e", "a\\tb\\nc\\\\d\\x41\\0101\\e."] },
      { args: ["-e", "stop\\chere"] },
      { args: ["-E", "a\\tb"] },
      { args: ["-nx", "y"] },
      { args: ["-n", "-e", "a\\n"] },
      { args: ["--", "x"] },
    ], "/usr/bin/echo"),
});

Deno.test({
  name: "true and false exit 0 and 1",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("true", [{ args: [] }, { args: ["x"] }], "/usr/bin/true");
    await compareAll("false", [{ args: [] }, { args: ["x"] }], "/usr/bin/false");
  },
});

Deno.test({
  name: "yes repeats its arguments until the reader goes away",
  ignore: !hasGcc,
  fn: () =>
    compareAll("yes", [
      { args: [], shell: "$T | head -n 3" },
      { args: [], shell: "$T a b | head -n 100000 | tail -n 2" },
    ]),
});

Deno.test({
  name: "pwd, basename and dirname print paths like GNU",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll(
      "pwd",
      [{ args: [], shell: "cd /usr/lib && $T && cd / && $T -P" }],
      "/usr/bin/pwd",
    );
    const names = ["/usr/lib/", "/", "", "a", "a/b", "//a//b//", "a.txt"];
    await compareAll("basename", [
      ...names.map((n) => ({ args: [n] })),
      { args: ["/x/file.txt", ".txt"] },
      { args: ["file.txt", "file.txt"] },
      { args: [] },
    ]);
    await compareAll("dirname", [...names.map((n) => ({ args: [n] })), { args: ["a/b", "/c/d"] }]);
  },
});
