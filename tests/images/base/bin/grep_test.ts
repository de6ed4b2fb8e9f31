/**
 * grep compared with GNU grep: options, recursion, and a regular-expression
 * conformance table (every pattern against every input line, BRE and ERE).
 */
import { type Case, compareAll, hasGcc } from "./_harness.ts";
import { COMMON, EXTENDED, INVALID, LINES } from "./_regex_table.ts";

const input = LINES.join("\n") + "\n";
const files = { "in.txt": input };

function table(patterns: string[], flag: string): Case[] {
  return patterns.flatMap((p) => [
    { args: [flag, "-n", "-e", p, "in.txt"], files },
    { args: [flag, "-c", "-i", "-e", p, "in.txt"], files },
  ]);
}

Deno.test({
  name: "grep -G agrees with GNU grep on the basic regular expression table",
  ignore: !hasGcc,
  fn: () => compareAll("grep", table(COMMON, "-G")),
});

Deno.test({
  name: "grep -E agrees with GNU grep on the extended regular expression table",
  ignore: !hasGcc,
  fn: () => compareAll("grep", [...table(COMMON, "-E"), ...table(EXTENDED, "-E")]),
});

Deno.test({
  name: "grep rejects malformed patterns with status 2 like GNU grep",
  ignore: !hasGcc,
  fn: () =>
    compareAll(
      "grep",
      INVALID.map(({ p, e }) => ({ args: [e ? "-E" : "-G", "-e", p, "in.txt"], files })),
    ),
});

const tree = {
  "a.txt": "apple\nbanana\ncherry\n",
  "b.txt": "Banana split\nno fruit\n",
  "sub/": "",
  "sub/c.txt": "banana bread\n",
  "sub/deep/": "",
  "sub/deep/d.txt": "nothing here\nBANANA\n",
};

Deno.test({
  name: "grep handles -i -v -n -c -l -q -r -F -h -H, several files and exit codes",
  ignore: !hasGcc,
  fn: () =>
    compareAll("grep", [
      { args: ["banana", "a.txt", "b.txt"], files: tree },
      { args: ["-i", "banana", "a.txt", "b.txt"], files: tree },
      { args: ["-v", "an", "a.txt"], files: tree },
      { args: ["-n", "a", "a.txt"], files: tree },
      { args: ["-c", "an", "a.txt", "b.txt"], files: tree },
      { args: ["-l", "an", "a.txt", "b.txt", "sub/c.txt"], files: tree },
      { args: ["-q", "apple", "a.txt"], files: tree },
      { args: ["-q", "pear", "a.txt"], files: tree },
      { args: ["-q", "apple", "missing", "a.txt"], files: tree },
      { args: ["pear", "a.txt"], files: tree },
      { args: ["apple", "missing"], files: tree },
      { args: ["-s", "apple", "missing", "a.txt"], files: tree },
      { args: ["-h", "an", "a.txt", "b.txt"], files: tree },
      { args: ["-H", "an", "a.txt"], files: tree },
      { args: ["-F", "a.t", "a.txt"], files: tree },
      { args: ["-F", "-i", "BAN", "a.txt", "b.txt"], files: tree },
      { args: ["-e", "apple", "-e", "cherry", "a.txt"], files: tree },
      { args: ["apple\ncherry", "a.txt"], files: tree },
      { args: ["", "a.txt"], files: tree },
      { args: ["-c", "x"], stdin: "x\ny\nx", files: tree },
      { args: ["-n", "y"], stdin: "x\ny", files: tree },
      { args: [], shell: "$T -r banana | sort", files: tree },
      { args: [], shell: "$T -ri banana sub | sort", files: tree },
      { args: [], shell: "$T -rl banana . | sort", files: tree },
      { args: [], shell: "$T -rc an sub | sort", files: tree },
      { args: [], shell: "$T -rn -i banana a.txt sub | sort", files: tree },
    ]),
});
