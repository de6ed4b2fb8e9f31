/**
 * cp, mv, rm, mkdir, rmdir, ln and touch compared with GNU coreutils: same
 * exit status and the same resulting directory tree (names, types, modes,
 * contents, link targets).
 */
import { equal } from "node:assert/strict";
import { build, compareAll, hasGcc, populate, run } from "./_harness.ts";

const tree = {
  "a.txt": "alpha\n",
  "b.txt": "beta\n",
  "d/": "",
  "d/x": "x\n",
  "d/sub/": "",
  "d/sub/y": "y\n",
  "e/": "",
};

Deno.test({
  name: "cp copies files, into directories, and trees with -r like GNU cp",
  ignore: !hasGcc,
  fn: () =>
    compareAll("cp", [
      { args: ["a.txt", "c.txt"], files: tree, tree: true },
      { args: ["a.txt", "b.txt"], files: tree, tree: true },
      { args: ["a.txt", "b.txt", "e"], files: tree, tree: true },
      { args: ["a.txt", "b.txt", "c.txt"], files: tree, tree: true },
      { args: ["d", "e"], files: tree, tree: true },
      { args: ["-r", "d", "e"], files: tree, tree: true },
      { args: ["-r", "d", "new"], files: tree, tree: true },
      { args: ["-R", "d/", "e/"], files: tree, tree: true },
      { args: ["a.txt", "a.txt"], files: tree, tree: true },
      { args: ["missing", "e"], files: tree, tree: true },
      { args: ["a.txt"], files: tree, tree: true },
      { args: [], shell: "chmod 751 a.txt && $T a.txt c.txt", files: tree, tree: true },
      // (one entry per directory: GNU copies in inode order and stops at the self-copy)
      { args: ["-r", "d", "d/sub"], files: { "d/sub/": "" }, tree: true, stderr: true },
      { args: ["-r", "d", "d"], files: { "d/": "" }, tree: true, stderr: true },
      { args: [], shell: "ln -s a.txt l && $T -r l d e", files: tree, tree: true },
      { args: [], shell: "ln -s a.txt l && $T l m", files: tree, tree: true },
    ]),
});

Deno.test({
  name: "cp -p preserves modes and modification times",
  ignore: !hasGcc,
  fn: async () => {
    const { cp } = await build("cp");
    const dir = await populate(tree);
    await run(["sh", "-c", "chmod 640 a.txt && touch -d '2001-02-03 04:05:06' a.txt d/x"], {
      cwd: dir,
    });
    equal((await run([cp, "-p", "a.txt", "c.txt"], { cwd: dir })).code, 0);
    equal((await run([cp, "-rp", "d", "e2"], { cwd: dir })).code, 0);
    const list = await run(["sh", "-c", "stat -c '%n %a %Y' a.txt c.txt d/x e2/x"], { cwd: dir });
    equal(
      list.stdout,
      "a.txt 640 981173106\nc.txt 640 981173106\nd/x 644 981173106\ne2/x 644 981173106\n",
    );
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "mv renames and moves into directories like GNU mv",
  ignore: !hasGcc,
  fn: () =>
    compareAll("mv", [
      { args: ["a.txt", "c.txt"], files: tree, tree: true },
      { args: ["a.txt", "b.txt"], files: tree, tree: true },
      { args: ["a.txt", "b.txt", "e"], files: tree, tree: true },
      { args: ["d", "e"], files: tree, tree: true },
      { args: ["d", "z"], files: tree, tree: true },
      { args: ["-f", "missing", "z"], files: tree, tree: true },
      { args: ["a.txt", "b.txt", "c.txt"], files: tree, tree: true },
    ]),
});

Deno.test({
  name: "rm removes files and with -r trees, -f ignores missing ones",
  ignore: !hasGcc,
  fn: () =>
    compareAll("rm", [
      { args: ["a.txt"], files: tree, tree: true },
      { args: ["a.txt", "missing", "b.txt"], files: tree, tree: true },
      { args: ["-f", "a.txt", "missing"], files: tree, tree: true },
      { args: ["-f"], files: tree, tree: true },
      { args: [], files: tree, tree: true },
      { args: ["d"], files: tree, tree: true },
      { args: ["-r", "d", "e"], files: tree, tree: true },
      { args: ["-rf", "d", "missing"], files: tree, tree: true },
      { args: ["-r", "."], files: tree, tree: true },
      { args: [], shell: "ln -s d l && $T l", files: tree, tree: true },
    ]),
});

Deno.test({
  name: "mkdir and rmdir create and remove directories, with parents for -p",
  ignore: !hasGcc,
  fn: async () => {
    await compareAll("mkdir", [
      { args: ["n"], files: tree, tree: true },
      { args: ["d"], files: tree, tree: true },
      { args: ["p/q/r"], files: tree, tree: true },
      { args: ["-p", "p/q/r", "d/sub", "d/new/"], files: tree, tree: true },
      { args: ["-m", "700", "m"], files: tree, tree: true },
      { args: ["-p", "a.txt/x"], files: tree, tree: true },
      { args: [], files: tree, tree: true },
    ]);
    await compareAll("rmdir", [
      { args: ["e"], files: tree, tree: true },
      { args: ["d"], files: tree, tree: true },
      { args: ["missing", "e"], files: tree, tree: true },
      { args: ["-p", "p/q/r"], files: { "p/q/r/": "" }, tree: true },
      { args: ["-p", "p/q/r"], files: { "p/q/r/": "", "p/keep": "" }, tree: true },
    ]);
  },
});

Deno.test({
  name: "ln makes hard and symbolic links, replacing with -f",
  ignore: !hasGcc,
  fn: () =>
    compareAll("ln", [
      { args: ["a.txt", "h"], files: tree, tree: true },
      { args: ["-s", "a.txt", "s"], files: tree, tree: true },
      { args: ["-s", "../a.txt", "e"], files: tree, tree: true },
      { args: ["-s", "/nowhere"], files: tree, tree: true },
      { args: ["a.txt", "b.txt"], files: tree, tree: true },
      { args: ["-f", "a.txt", "b.txt"], files: tree, tree: true },
      { args: ["-sf", "b.txt", "a.txt"], files: tree, tree: true },
      { args: ["a.txt", "b.txt", "e"], files: tree, tree: true },
      { args: ["d", "dd"], files: tree, tree: true },
      { args: ["missing", "m"], files: tree, tree: true },
    ]),
});

Deno.test({
  name: "touch creates files and sets times like GNU touch",
  ignore: !hasGcc,
  fn: () =>
    compareAll("touch", [
      { args: ["new", "a.txt"], files: tree, tree: true },
      { args: ["-c", "new"], files: tree, tree: true },
      { args: ["missing/x"], files: tree, tree: true },
      { args: [], shell: "$T -d '2020-01-02 03:04:05' a.txt && stat -c %Y a.txt", files: tree },
      { args: [], shell: "$T -d @12345 n && stat -c '%X %Y' n", files: tree },
      { args: [], shell: "$T -d 1999-12-31 n && stat -c '%Y' n", files: tree },
    ]),
});
