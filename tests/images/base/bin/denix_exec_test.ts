/**
 * Tools built by denix cc + as + ld with denix libc, run under denix itself
 * (`denix exec`: the emulated i386 and the TypeScript kernel) on standard
 * input, compared with the host's GNU tools. Tools needing x87 floating
 * point (not emulated yet) or host files are left to the native suites.
 */
import { equal } from "node:assert/strict";
import { buildWith, hasGcc, run } from "./_harness.ts";

const MAIN = new URL("../../../../main.ts", import.meta.url).pathname;
const text = "the quick brown fox\njumps over\nthe lazy dog\n\nthe end\n";

const cases: [string, string[], string][] = [
  ["echo", ["hello", "from", "denix"], ""],
  ["cat", ["-n"], text],
  ["sort", ["-r"], text],
  ["sort", ["-k", "2"], text],
  ["uniq", ["-c"], "a\na\nb\n"],
  ["grep", ["-n", "the"], text],
  ["grep", ["-E", "-c", "(o|u)[a-z]+"], text],
  ["sed", ["-n", "s/\\(the\\) \\([a-z]*\\)/\\2 \\1/p"], text],
  ["tr", ["a-z", "A-Z"], text],
  ["wc", [], text],
  ["cut", ["-d", " ", "-f", "2"], text],
  ["head", ["-n", "2"], text],
  ["tail", ["-n", "2"], text],
  ["od", ["-c"], "ab\n\t"],
  ["hexdump", ["-C"], text],
  ["seq", ["-s", ",", "1", "3", "20"], ""],
  ["basename", ["/usr/lib/libc.a", ".a"], ""],
  ["test", ["abc", "=", "abc"], ""],
  ["false", [], ""],
];

Deno.test({
  name: "tools built entirely by denix's toolchain run under denix exec like GNU's natively",
  ignore: !hasGcc,
  fn: async () => {
    const bins = await buildWith("denix-libc", [...new Set(cases.map(([t]) => t))]);
    for (const [tool, args, stdin] of cases) {
      const ours = await run([Deno.execPath(), "run", "-A", MAIN, "exec", bins[tool], ...args], {
        stdin,
      });
      const gnu = await run([
        tool === "test" || tool === "false" ? `/usr/bin/${tool}` : tool,
        ...args,
      ], {
        stdin,
      });
      equal(ours.stdout, gnu.stdout, `${tool} ${args.join(" ")}: ${ours.stderr}`);
      equal(ours.code, gnu.code, `${tool} ${args.join(" ")} exit status: ${ours.stderr}`);
    }
  },
});
