/**
 * Tools on a real terminal (tmux): ls columns from the window width
 * (compared with GNU ls on the same terminal), more's paging prompt and
 * keys, and top's refreshing screen quit with q.
 */
import { equal, match } from "node:assert/strict";
import { build, hasGcc, populate, run } from "./_harness.ts";
import { hasTmux, Term } from "./_tmux.ts";

async function screenOf(command: string, cols: number): Promise<string> {
  const t = await Term.start(`${command}; echo DONE; sleep 30`, cols, 30);
  try {
    return await t.waitFor(/DONE/);
  } finally {
    await t.stop();
  }
}

Deno.test({
  name: "ls on a terminal lays out columns for the window width like GNU ls",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const { ls } = await build("ls");
    const names = ["alpha", "b", "charlie-long-name", "d", "echo", "foxtrot", "g", "hotel-hotel"];
    const files: Record<string, string> = {};
    for (const n of [...names, ...names.map((n) => n + ".txt")]) files[n] = "";
    const dir = await populate(files);
    for (const cols of [40, 60, 100]) {
      const ours = await screenOf(`cd ${dir} && ${ls}`, cols);
      const gnu = await screenOf(`cd ${dir} && /bin/ls --color=never`, cols);
      equal(ours, gnu, `width ${cols}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "ls on a terminal quotes special names like GNU ls (shell-escape, aligned)",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const { ls } = await build("ls");
    const names = ["a b", "it's", "plain", 'q"d', "x$y", "tab\tx", "star*", "#hash", "mid#h", "~t"]
      .concat(["e=q", "semi;c", "r]", "c{", "{", "}", "{}", "a\\b", "b!", "a'b\"c", "x'y$", "p%"]);
    const files: Record<string, string> = {};
    for (const n of names) files[n] = "";
    const dir = await populate(files);
    await run(["touch", "-d", "@1000000000", ...names], { cwd: dir });
    for (const opts of ["", "-1", "-l"]) {
      const ours = await screenOf(`cd ${dir} && TZ=UTC ${ls} ${opts}`, 100);
      const gnu = await screenOf(`cd ${dir} && TZ=UTC /bin/ls --color=never ${opts}`, 100);
      equal(ours, gnu, `ls ${opts}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "more pages a file on a terminal: prompt, space, enter and q",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const { more } = await build("more");
    const text = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const dir = await populate({ "f.txt": text });
    const t = await Term.start(`cd ${dir} && ${more} f.txt; echo EXITED; sleep 30`, 40, 10);
    try {
      let s = await t.waitFor(/--More--/);
      match(s, /^line 1\n(.*\n){8}--More--\(\d+%\)/);
      match(s, /line 9\n--More--/);
      await t.keys("Enter");
      s = await t.waitFor(/line 10\n--More--/);
      await t.keys("Space");
      s = await t.waitFor(/line 19\n--More--/);
      await t.keys("q");
      s = await t.waitFor(/EXITED/);
      match(s, /line 19\nEXITED/);
    } finally {
      await t.stop();
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "top refreshes on a terminal and quits on q, restoring the terminal",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const { top } = await build("top");
    const dir = await populate();
    const t = await Term.start(
      `cd ${dir}; stty -a > before; ${top} -d 0.2; stty -a > after; echo EXITED; sleep 30`,
      80,
      15,
    );
    try {
      const s = await t.waitFor(/PID USER/);
      match(s, /^top - \d\d:\d\d:\d\d up .*load average/);
      match(s, /Tasks: +\d+ total/);
      await t.keys("q");
      await t.waitFor(/EXITED/);
    } finally {
      await t.stop();
    }
    equal(await Deno.readTextFile(`${dir}/after`), await Deno.readTextFile(`${dir}/before`));
    await Deno.remove(dir, { recursive: true });
  },
});
