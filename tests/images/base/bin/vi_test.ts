/**
 * vi driven in a real terminal (tmux): motions, insert/append/open, x, dd,
 * arrows, :w/:q/:wq/:q!, and the terminal's settings restored on exit.
 */
import { equal, match } from "node:assert/strict";
import { build, hasGcc, populate } from "./_harness.ts";
import { hasTmux, Term } from "./_tmux.ts";

/** Runs vi on `file` in a 60x12 tmux window, passing each key batch, then returns the final screen. */
async function session(dir: string, file: string, batches: string[][], until: RegExp) {
  const { vi } = await build("vi");
  const script =
    `cd ${dir}; stty -a > before; ${vi} ${file}; stty -a > after; echo EXITED; sleep 30`;
  const t = await Term.start(`sh -c '${script}'`, 60, 12);
  try {
    await t.waitFor(/~|\S/);
    const screens: string[] = [];
    for (const keys of batches) {
      await t.keys(...keys);
      await new Promise((r) => setTimeout(r, 250));
      screens.push(await t.screen());
    }
    screens.push(await t.waitFor(until));
    return screens;
  } finally {
    await t.stop();
  }
}

Deno.test({
  name: "vi edits a file with motions, inserts and deletes, refuses :q when modified, saves on :wq",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const dir = await populate({ "f.txt": "first line\nsecond line\nthird line\n" });
    const screens = await session(dir, "f.txt", [
      [],
      ["j", "x", "x", "i", "NEW ", "Escape"],
      ["o", "added line", "Escape", "G", "d", "d"],
      ["g", "g", "A", "!", "Escape", "Down", "l", "l", "a", "+", "Escape"],
      [":q", "Enter"],
      [":wq", "Enter"],
    ], /EXITED/);
    match(screens[0], /^first line\nsecond line\nthird line\n~/);
    match(screens[0], /"f\.txt" 3L/);
    match(screens[1], /^first line\nNEW cond line\nthird line\n/);
    match(screens[3], /^first line!\nNEW cond line\+\nadded line\n~/);
    match(screens[4], /E37: No write since last change/);
    equal(await Deno.readTextFile(`${dir}/f.txt`), "first line!\nNEW cond line+\nadded line\n");
    equal(await Deno.readTextFile(`${dir}/after`), await Deno.readTextFile(`${dir}/before`));
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "vi creates new files, splits and joins lines, moves with arrows, and :q! discards",
  ignore: !hasGcc || !hasTmux,
  fn: async () => {
    const dir = await populate({ "keep.txt": "unchanged\n" });
    await session(dir, "new.txt", [
      ["i", "hello world", "Left", "Left", "Left", "Left", "Left", "Enter", "BSpace", "BSpace"],
      ["Escape", "O", "top", "Escape", "j", "0", "x", "I", "<", "Escape", "$", "a", ">", "Escape"],
      [":w", "Enter"],
      [":w copy.txt", "Enter", "d", "d", ":q!", "Enter"],
    ], /EXITED/);
    equal(await Deno.readTextFile(`${dir}/new.txt`), "top\n<elloworld>\n");
    equal(await Deno.readTextFile(`${dir}/copy.txt`), "top\n<elloworld>\n");
    await session(dir, "keep.txt", [["d", "d", "i", "junk", "Escape", ":q!", "Enter"]], /EXITED/);
    equal(await Deno.readTextFile(`${dir}/keep.txt`), "unchanged\n");
    await Deno.remove(dir, { recursive: true });
  },
});
