/** seq, test/[, sleep, env, id, whoami, hostname, uname and date compared with GNU coreutils. */
import { ok } from "node:assert/strict";
import { build, compareAll, hasGcc, run } from "./_harness.ts";

Deno.test({
  name: "seq counts like GNU seq with increments, decimals, -s and -w",
  ignore: !hasGcc,
  fn: () =>
    compareAll("seq", [
      { args: ["5"] },
      { args: ["3", "7"] },
      { args: ["1", "3", "10"] },
      { args: ["10", "-3", "1"] },
      { args: ["-1", "2"] },
      { args: ["0.5", "0.25", "1.5"] },
      { args: ["1", "0.1", "1.3"] },
      { args: ["-s", ",", "1", "4"] },
      { args: ["-s", ", ", "3"] },
      { args: ["-w", "8", "11"] },
      { args: ["-w", "-3", "2"] },
      { args: ["5", "1"] },
      { args: ["0"] },
      { args: ["1", "0", "3"] },
      { args: ["x"] },
      { args: [] },
    ]),
});

const files = { "f": "data", "e": "", "d/": "" };
const exprs: string[][] = [
  [],
  [""],
  ["x"],
  ["-n", ""],
  ["-n", "x"],
  ["-z", ""],
  ["-z", "x"],
  ["a", "=", "a"],
  ["a", "=", "b"],
  ["a", "!=", "b"],
  ["3", "-eq", "3"],
  ["3", "-ne", "3"],
  ["-2", "-lt", "1"],
  ["2", "-le", "1"],
  ["10", "-gt", "9"],
  ["10", "-ge", "11"],
  [" 7 ", "-eq", "7"],
  ["x", "-eq", "1"],
  ["-e", "f"],
  ["-e", "missing"],
  ["-f", "f"],
  ["-f", "d"],
  ["-d", "d"],
  ["-s", "f"],
  ["-s", "e"],
  ["-r", "f"],
  ["-w", "f"],
  ["-x", "f"],
  ["-L", "f"],
  ["!", "-e", "f"],
  ["!", "x"],
  ["!"],
  ["-e", "f", "-a", "-d", "d"],
  ["-e", "f", "-a", "-d", "f"],
  ["-e", "nope", "-o", "-d", "d"],
  ["(", "x", ")"],
  ["(", "-f", "f", ")"],
  ["!", "(", "a", "=", "b", ")"],
  ["x", "-a", "", "-o", "y"],
  ["-f"],
  ["=", "=", "="],
  ["-x", "y", "z"],
  ["a", "b"],
  ["(", "a"],
  ["a", "-a"],
  ["f", "-nt", "e"],
  ["f", "-ef", "f"],
];

Deno.test({
  name: "test and [ evaluate expressions with GNU test's exit statuses",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("test", exprs.map((args) => ({ args, files })), "/usr/bin/test");
    const { test } = await build("test");
    const dir = await Deno.makeTempDir();
    await Deno.copyFile(test, `${dir}/[`);
    await Deno.chmod(`${dir}/[`, 0o755);
    for (const args of [["x", "]"], ["a", "=", "b", "]"], ["x"], ["]"]]) {
      const ours = await run([`${dir}/[`, ...args]);
      const gnu = await run(["/usr/bin/[", ...args]);
      ok(ours.code === gnu.code, `[ ${args.join(" ")}: ${ours.code} vs ${gnu.code}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "sleep waits for the sum of its intervals and rejects bad ones",
  ignore: !hasGcc,
  fn: async () => {
    const { sleep } = await build("sleep");
    const t0 = Date.now();
    ok((await run([sleep, "0.2", "0.1s"])).code === 0);
    const ms = Date.now() - t0;
    ok(ms >= 300 && ms < 2000, `slept ${ms} ms`);
    await compareAll("sleep", [{ args: ["x"] }, { args: [] }, { args: ["1y"] }]);
  },
});

Deno.test({
  name: "env prints and changes the environment and runs commands like GNU env",
  ignore: !hasGcc,
  fn: () =>
    compareAll("env", [
      { args: ["-i", "A=1", "B=2"] },
      { args: ["-i", "A=1", "sh", "-c", "echo $A $B"] },
      { args: ["-u", "HOME", "sh", "-c", "echo ${HOME-unset} $TZ"], env: { HOME: "/h" } },
      { args: ["-", "X=y"] },
      { args: ["-i", "nonexistent-command"] },
      { args: ["-i", "/etc/passwd"] },
      { args: ["-i", "sh", "-c", "exit 7"] },
      { args: [], shell: "$T | grep -c '^TZ=UTC$'" },
    ]),
});

Deno.test({
  name: "id, whoami, hostname and uname agree with GNU coreutils",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("id", [
      { args: [] },
      { args: ["-u"] },
      { args: ["-g"] },
      { args: ["-G"] },
      { args: ["-un"] },
      { args: ["-Gn"] },
      { args: ["root"] },
      { args: ["daemon"] },
      { args: ["-n"] },
      { args: ["nosuchuser"] },
    ]);
    await compareAll("whoami", [{ args: [] }]);
    await compareAll("hostname", [{ args: [] }]);
    const flags = ["-a", "-s", "-n", "-r", "-m", "-v", "-o", "-sr", "-snrvmo", ""];
    await compareAll("uname", flags.map((f) => ({ args: f ? [f] : [] })));
  },
});

Deno.test({
  name: "date formats given times in UTC like GNU date",
  ignore: !hasGcc,
  fn: () =>
    compareAll("date", [
      { args: ["-d", "@0"] },
      { args: ["-u", "-d", "@1000000000"] },
      { args: ["-d", "@1700000000", "+%Y-%m-%d %H:%M:%S %Z %z %s %j %a %A %b %B %e %%"] },
      { args: ["-d", "2024-02-29 13:14:15", "+%s %D %T %u %w %y %p %I"] },
      { args: ["-d", "1999-12-31", "+%F %N"] },
      { args: ["-d", "@86399", "+"] },
      { args: ["-d", "bogus"] },
      { args: ["-d", "@5", "x"] },
      { args: [], shell: "$T +%Y" },
    ]),
});
