/** ls compared with GNU ls (TZ=UTC, LC_ALL=C) on the listed options. */
import { type Case, compareAll, hasGcc } from "./_harness.ts";

const files = {
  "b.txt": "hello\n",
  "a.txt": "x".repeat(5000),
  ".hidden": "h",
  "Zed": "",
  "dir/": "",
  "dir/inner.c": "int x;\n",
  "dir/sub/": "",
  "dir/sub/deep": "deep\n",
  "big": "y".repeat(1536 * 1024),
};
const many: Record<string, string> = {};
for (const n of ["alpha", "b", "charlie-long-name", "d", "echo", "f", "golf-golf", "h", "i", "j"]) {
  many[n] = "";
}

const cases: Case[] = [
  { args: [], files },
  { args: ["-a"], files },
  { args: ["-1"], files },
  { args: ["-l", "a.txt", "b.txt", "dir/sub"], files },
  { args: ["-la", "dir"], files },
  { args: ["-l", "dir", "b.txt"], files },
  { args: ["-lh"], files },
  { args: ["-R"], files },
  { args: ["-Ra", "dir"], files },
  { args: ["-d", "dir", "a.txt"], files },
  { args: ["-ld", "dir"], files },
  { args: ["dir", "b.txt", "Zed"], files },
  { args: ["missing", "b.txt"], files },
  { args: ["-j"], files },
  { args: ["-C"], files: many, env: { COLUMNS: "30" } },
  { args: ["-C"], files: many, env: { COLUMNS: "80" } },
  { args: ["-C"], files: many, env: { COLUMNS: "12" } },
];

Deno.test({
  name: "ls lists like GNU ls for -l -a -h -R -1 -d -C and errors",
  ignore: !hasGcc,
  fn: () => compareAll("ls", cases),
});
