import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Frames } from "../../../src/kernel/mm/frames.ts";
import { type TmpDir, Tmpfs } from "../../../src/kernel/fs/tmpfs.ts";
import { Follow, ROOT_CRED, Vfs } from "../../../src/kernel/fs/vfs.ts";
import type { Inode } from "../../../src/kernel/fs/inode.ts";

const owner = { uid: 0, gid: 0 };

function setup() {
  const fr = new Frames(new PhysicalMemory(8 << 20));
  const fs = new Tmpfs(fr);
  const vfs = new Vfs(fs.root);
  const a = fs.root.mkdir("a", 0o755, owner) as TmpDir;
  a.mkdir("b", 0o755, owner);
  a.create("f", 0o644, owner);
  fs.root.symlink("abs", "/a/b", owner);
  a.symlink("rel", "b/../f", owner);
  fs.root.symlink("loop", "loop", owner);
  return { fr, fs, vfs, a };
}

function path(vfs: Vfs, p: string, follow = Follow.Yes): string | number {
  const d = vfs.resolve(vfs.root, p, ROOT_CRED, follow);
  return typeof d === "number" ? d : d.path;
}

Deno.test("path resolution follows symlinks, '..' and trailing slashes", () => {
  const { vfs } = setup();
  assert.equal(path(vfs, "/a/b/../f"), "/a/f");
  assert.equal(path(vfs, "/abs"), "/a/b");
  assert.equal(path(vfs, "/abs/.."), "/a");
  assert.equal(path(vfs, "/a/rel"), "/a/f");
  assert.equal(path(vfs, "/a/rel", Follow.No), "/a/rel");
  assert.equal(path(vfs, "/.."), "/");
  assert.equal(path(vfs, "/a/f/"), -20);
  assert.equal(path(vfs, "/a/f/x"), -20);
  assert.equal(path(vfs, "/missing"), -2);
  assert.equal(path(vfs, "/loop"), -40);
  assert.equal(path(vfs, ""), -2);
});

Deno.test("mounts are crossed downwards and '..' climbs out of them", () => {
  const { fr, vfs } = setup();
  const other = new Tmpfs(fr);
  other.root.mkdir("inner", 0o755, owner);
  assert.equal(vfs.mount("/a/b", other.root), 0);
  assert.equal(path(vfs, "/a/b/inner"), "/a/b/inner");
  assert.equal(path(vfs, "/a/b/inner/../../f"), "/a/f");
});

Deno.test("permission checks refuse search without x for non-root users", () => {
  const { vfs, a } = setup();
  a.chmod(0o700);
  const user = { uid: 1000, gid: 1000, groups: [] };
  assert.equal(vfs.resolve(vfs.root, "/a/f", user), -13);
  a.chmod(0o711);
  assert.equal(typeof vfs.resolve(vfs.root, "/a/f", user), "object");
});

Deno.test("tmpfs file data lives in guest frames and is freed on truncate", () => {
  const { fr, a } = setup();
  const f = a.lookup("f") as Inode;
  const free0 = fr.buddy.freeFrames;
  const data = new Uint8Array(10000).map((_, i) => i & 0xff);
  assert.equal(f.writeAt(5000, data), 10000);
  assert.equal(f.size, 15000);
  assert.equal(free0 - fr.buddy.freeFrames, 3);
  const back = new Uint8Array(20000);
  assert.equal(f.readAt(0, back), 15000);
  assert.deepEqual(back.subarray(5000, 15000), data);
  assert.equal(back[0], 0);
  f.truncate(0);
  assert.equal(fr.buddy.freeFrames, free0);
});

Deno.test("tmpfs rename, rmdir and unlink keep link counts right", () => {
  const { a, fs } = setup();
  assert.equal(a.rename("f", fs.root, "g"), 0);
  assert.equal(a.lookup("f"), -2);
  assert.equal(fs.root.rmdir("a"), -39);
  assert.equal(a.rmdir("b"), 0);
  assert.equal(a.nlink, 2);
  assert.equal(fs.root.rename("a", a, "x"), -22);
  const g = fs.root.lookup("g") as Inode;
  assert.equal(fs.root.link("h", g), 0);
  assert.equal(g.nlink, 2);
  assert.equal(fs.root.unlink("g"), 0);
  assert.equal(g.nlink, 1);
});

Deno.test("tmpfs files are sparse and refuse offsets past their maximum size", () => {
  const { fr, a } = setup();
  const f = a.lookup("f") as Inode;
  const free0 = fr.buddy.freeFrames;
  assert.equal(f.writeAt(2 ** 35, new Uint8Array([7])), 1);
  assert.equal(f.size, 2 ** 35 + 1);
  assert.equal(free0 - fr.buddy.freeFrames, 1);
  const b = new Uint8Array(2);
  assert.equal(f.readAt(2 ** 35 - 1, b), 2);
  assert.deepEqual([...b], [0, 7]);
  assert.equal(f.writeAt(2 ** 40, new Uint8Array(1)), -27);
  f.truncate(0);
  assert.equal(fr.buddy.freeFrames, free0);
});

Deno.test("hard links never cross file systems", () => {
  const { fr, a } = setup();
  const other = new Tmpfs(fr);
  const f = a.lookup("f") as Inode;
  assert.equal(other.root.link("g", f), -18);
  assert.equal(a.link("g", f), 0);
});
