/**
 * Images made by mke2fs -d (and indexed by e2fsck -D) read back identically through the
 * driver, stay e2fsck-clean after changes, and the big sparse file (triple indirect
 * with 1 KiB blocks) grows and shrinks correctly.
 */
import assert from "node:assert/strict";
import { Errno } from "../../../../src/abi/errno.ts";
import { checkFreeCounts } from "../../../../src/kernel/fs/ext2/alloc.ts";
import type { Inode } from "../../../../src/kernel/fs/inode.ts";
import {
  assertFsckClean,
  debugfs,
  e2fsTest,
  frames,
  mke2fs,
  mountFile,
  ok,
  readAll,
  ROOT,
  run,
  tempDir,
  walkPath,
} from "./_helpers.ts";

/** A host tree with small, multi-block, sparse-ish and empty files, symlinks, a big dir. */
async function hostTree(dir: string): Promise<void> {
  await Deno.mkdir(`${dir}/a/b/c`, { recursive: true });
  await Deno.mkdir(`${dir}/many`);
  await Deno.writeTextFile(`${dir}/a/hello`, "hello\n");
  await Deno.writeFile(`${dir}/a/b/big`, new Uint8Array(1_500_000).map((_, i) => (i * 13) >> 3));
  await Deno.writeFile(`${dir}/a/b/c/empty`, new Uint8Array(0));
  await Deno.symlink("hello", `${dir}/a/fast`);
  await Deno.symlink("/x/".repeat(40), `${dir}/a/slow`);
  for (let i = 0; i < 400; i++) await Deno.writeTextFile(`${dir}/many/file-number-${i}`, `${i}\n`);
}

/** Compares a host directory with the driver's view of `node`. */
function compare(host: string, node: Inode): void {
  const listed = node.readdir();
  assert(typeof listed !== "number");
  const names = listed.map((e) => e.name).filter((n) =>
    n !== "." && n !== ".." && n !== "lost+found"
  );
  const hostNames = [...Deno.readDirSync(host)].map((e) => e.name);
  assert.deepEqual(names.sort(), hostNames.sort(), host);
  for (const name of names) {
    const child = ok(node.lookup(name));
    const st = Deno.lstatSync(`${host}/${name}`);
    if (st.isDirectory) compare(`${host}/${name}`, child);
    else if (st.isSymlink) assert.equal(child.readlink(), Deno.readLinkSync(`${host}/${name}`));
    else assert.deepEqual(readAll(child), Deno.readFileSync(`${host}/${name}`), name);
  }
}

for (const [bs, isz] of [[1024, 128], [1024, 256], [4096, 128], [4096, 256]]) {
  e2fsTest(
    `mke2fs -d image (${bs}-byte blocks, ${isz}-byte inodes) reads back and stays clean`,
    async () => {
      const { dir, done } = await tempDir();
      await Deno.mkdir(`${dir}/src`);
      await hostTree(`${dir}/src`);
      const img = `${dir}/fs.img`;
      await mke2fs(img, 16384, ["-b", `${bs}`, "-I", `${isz}`, "-d", `${dir}/src`]);
      const fs = mountFile(img, frames());
      compare(`${dir}/src`, fs.root);
      const many = ok(walkPath(fs.root, "many"));
      for (let i = 0; i < 400; i += 3) assert.equal(many.unlink(`file-number-${i}`), 0);
      ok(many.create("added", 0o600, ROOT));
      assert.equal(checkFreeCounts(fs), null);
      assert.equal(fs.unmount(), 0);
      await assertFsckClean(img);
      await done();
    },
  );
}

e2fsTest("htree directories indexed by e2fsck -D lose EXT2_INDEX_FL when changed", async () => {
  const { dir, done } = await tempDir();
  await Deno.mkdir(`${dir}/src`);
  await hostTree(`${dir}/src`);
  const img = `${dir}/fs.img`;
  await mke2fs(img, 16384, ["-b", "1024", "-d", `${dir}/src`]);
  await run("e2fsck", ["-fyD", img]);
  assert.match(await debugfs(img, "stat /many"), /Flags: 0x1000/);
  const fs = mountFile(img, frames());
  compare(`${dir}/src`, fs.root);
  const many = ok(walkPath(fs.root, "many"));
  for (let i = 0; i < 50; i++) ok(many.create(`new-${i}`, 0o644, ROOT));
  assert.equal(many.unlink("file-number-7"), 0);
  assert.equal(fs.unmount(), 0);
  assert.doesNotMatch(await debugfs(img, "stat /many"), /Flags: 0x1000/);
  await assertFsckClean(img);
  await done();
});

e2fsTest("a sparse file past 64 MiB uses triple indirect blocks and truncates back", async () => {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 16384, ["-b", "1024"]);
  const fs = mountFile(img, frames());
  const free0 = fs.statfs().bfree;
  const f = ok(fs.root.create("sparse", 0o644, ROOT));
  const tail = 70 * 2 ** 20;
  const mark = new TextEncoder().encode("end of the sparse file");
  assert.equal(f.writeAt(tail, mark), mark.length);
  assert.equal(f.writeAt(5 * 2 ** 20, mark), mark.length);
  assert.equal(f.writeAt(100, mark), mark.length);
  assert.equal(f.size, tail + mark.length);
  const back = new Uint8Array(mark.length + 10);
  assert.equal(f.readAt(tail - 10, back), mark.length + 10);
  assert.deepEqual(back.subarray(10), mark);
  assert.deepEqual(back.subarray(0, 10), new Uint8Array(10));
  assert.equal(fs.sync(), 0);
  await assertFsckClean(img);
  assert.match(await debugfs(img, "stat /sparse"), /TIND/);
  assert.equal(f.truncate(6 * 2 ** 20), 0);
  assert.equal(f.readAt(5 * 2 ** 20, back), back.length);
  assert.deepEqual(back.subarray(0, mark.length), mark);
  assert.equal(fs.sync(), 0);
  await assertFsckClean(img);
  assert.equal(f.truncate(50), 0);
  assert.equal(f.blocks, 2);
  assert.equal(f.truncate(0), 0);
  assert.equal(f.blocks, 0);
  assert.equal(fs.statfs().bfree, free0);
  assert.equal(f.writeAt(2 ** 45, mark), -Errno.EFBIG);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  await done();
});

e2fsTest("a file of 2 GiB or more sets large_file and keeps its size in i_size_high", async () => {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 8192, ["-b", "4096", "-O", "^large_file"]);
  const fs = mountFile(img, frames());
  const f = ok(fs.root.create("huge", 0o644, ROOT));
  assert.equal(f.writeAt(3 * 2 ** 30, new Uint8Array([1, 2, 3])), 3);
  assert.equal(f.size, 3 * 2 ** 30 + 3);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  assert.match(await debugfs(img, "features"), /large_file/);
  assert.match(await debugfs(img, "stat /huge"), /Size: 3221225475/);
  await done();
});
