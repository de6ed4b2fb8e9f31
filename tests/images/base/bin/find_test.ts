/** find and xargs compared with GNU findutils (find output sorted: directory order differs). */
import { compareAll, hasGcc } from "./_harness.ts";

const tree = {
  "a.txt": "a",
  "b.c": "b",
  ".hidden": "",
  "Doc.TXT": "",
  "d/": "",
  "d/x.txt": "x",
  "d/y.c": "",
  "d/sub/": "",
  "d/sub/z.txt": "",
  "d/sub/[br]": "",
  "e/": "",
};

const s = (args: string) => ({ args: [], shell: `$T ${args} | sort`, files: tree });

Deno.test({
  name: "find walks trees with -name -iname -type -path -maxdepth -mindepth and operators",
  ignore: !hasGcc,
  fn: () =>
    compareAll("find", [
      s(""),
      s("."),
      s("d"),
      s("d e a.txt"),
      s(". -name '*.txt'"),
      s(". -iname '*.txt'"),
      s(". -name '[ab].*'"),
      s(". -name '[!a]*'"),
      s(". -name '\\[br\\]'"),
      s(". -name '.*'"),
      s(". -type d"),
      s(". -type f -name '*.c'"),
      s("-type f"),
      s(". -maxdepth 1"),
      s(". -maxdepth 0"),
      s(". -mindepth 2"),
      s(". -maxdepth 2 -mindepth 2 -type f"),
      s(". ! -name '*.txt'"),
      s(". -not -type d"),
      s(". -name '*.c' -o -name '*.txt'"),
      s(". -type f -a \\( -name 'a*' -o -name 'z*' \\)"),
      s(". -path './d/*' -print"),
      s(". -name x.txt -print -o -print"),
      s("d/sub -name 'z*'"),
      s("missing d"),
      s(". -type q"),
      s(". -bogus"),
    ]),
});

Deno.test({
  name: "xargs batches words into commands like GNU xargs",
  ignore: !hasGcc,
  fn: () =>
    compareAll("xargs", [
      { args: [], stdin: "a b\n c\td\n" },
      { args: ["-n", "2"], stdin: "1 2 3 4 5\n" },
      { args: ["-n1", "echo", "x"], stdin: "1 2 3\n" },
      { args: ["echo", "pre"], stdin: "'quoted word' \"dq word\" back\\ slash\n" },
      { args: [], stdin: "" },
      { args: ["sh", "-c", "exit 3"], stdin: "a\n" },
      { args: ["nonexistent-cmd"], stdin: "a\n" },
      { args: ["-n", "1", "sh", "-c", "echo [$0]"], stdin: "a b\n" },
      { args: [], stdin: "'unterminated\n" },
      { args: ["-n", "0"], stdin: "x" },
    ]),
});
