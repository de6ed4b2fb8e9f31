/**
 * Mount-level behaviour: images from the denix image builder, special files, mount
 * state and counts, feature refusal, busy unmount, power cut without unmount.
 */
import assert from "node:assert/strict";
import { Errno } from "../../../../src/abi/errno.ts";
import { ImageTree } from "../../../../src/image/tree.ts";
import { buildImage } from "../../../../src/image/build.ts";
import { MemoryDisk } from "../../../../src/kernel/fs/filesystem.ts";
import { mountExt2 } from "../../../../src/kernel/fs/ext2/mod.ts";
import { Mode } from "../../../../src/kernel/fs/inode.ts";
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
  tempDir,
  walkPath,
} from "./_helpers.ts";

e2fsTest("images from the denix image builder mount and read back", async () => {
  const { dir, done } = await tempDir();
  const tree = new ImageTree();
  const data = new Uint8Array(200_000).map((_, i) => i % 251);
  tree.addFile("/bin/prog", { kind: "bytes", bytes: data }, { perm: 0o755 });
  tree.symlink("prog", "/bin/alias");
  tree.mknod("/dev/tty", "char", { major: 5, minor: 0 });
  tree.mknod("/dev/big", "block", { major: 300, minor: 70000 });
  tree.mkfifo("/run/fifo");
  tree.link("/bin/prog", "/bin/hard");
  const img = `${dir}/fs.img`;
  await buildImage(tree, img, { sizeBytes: 4 << 20 });
  const fs = mountFile(img, frames());
  assert.deepEqual(readAll(ok(walkPath(fs.root, "bin/prog"))), data);
  assert.equal(ok(walkPath(fs.root, "bin/alias")).readlink(), "prog");
  const hard = ok(walkPath(fs.root, "bin/hard"));
  assert.equal(hard, ok(walkPath(fs.root, "bin/prog")));
  assert.equal(hard.nlink, 2);
  const tty = ok(walkPath(fs.root, "dev/tty"));
  assert.equal(tty.mode & Mode.TYPE, Mode.CHR);
  assert.equal(tty.rdev, 5 << 8);
  const big = ok(walkPath(fs.root, "dev/big"));
  assert.equal(big.mode & Mode.TYPE, Mode.BLK);
  assert.equal(big.rdev, (70000 & 0xff) | (300 << 8) | ((70000 & ~0xff) << 12));
  assert.equal(ok(walkPath(fs.root, "run/fifo")).mode & Mode.TYPE, Mode.FIFO);
  assert.equal(tty.dev, 0x800);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  await done();
});

e2fsTest("mknod stores FIFOs, sockets and device numbers as Linux does", async () => {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 4096, []);
  const fs = mountFile(img, frames());
  const root = fs.root;
  ok(root.mknod("null", Mode.CHR | 0o666, (1 << 8) | 3, ROOT));
  ok(root.mknod("sda", Mode.BLK | 0o660, (8 << 8) | 0, ROOT));
  const wide = (0x1234 & 0xff) | (259 << 8) | ((0x1234 & ~0xff) << 12);
  ok(root.mknod("wide", Mode.BLK | 0o660, wide, ROOT));
  ok(root.mknod("pipe", Mode.FIFO | 0o644, 0, ROOT));
  ok(root.mknod("sock", Mode.SOCK | 0o755, 0, ROOT));
  assert.equal(root.mknod("bad", Mode.DIR | 0o755, 0, ROOT), -Errno.EINVAL);
  assert.equal(root.mknod("pipe", Mode.FIFO | 0o644, 0, ROOT), -Errno.EEXIST);
  assert.equal(ok(root.lookup("null")).open(), null);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  assert.match(await debugfs(img, "stat /null"), /Device major\/minor number: 01:03/);
  assert.match(await debugfs(img, "stat /wide"), /Device major\/minor number: 259:4660/);
  assert.match(await debugfs(img, "stat /pipe"), /Type: FIFO/);
  assert.match(await debugfs(img, "stat /sock"), /Type: socket/);
  await done();
});

e2fsTest(
  "mount counts and the clean state follow Linux; unmount is busy while files are open",
  async () => {
    const { dir, done } = await tempDir();
    const img = `${dir}/fs.img`;
    await mke2fs(img, 4096, []);
    const before = await debugfs(img, "stats");
    const count = Number(/Mount count:\s+(\d+)/.exec(before)![1]);
    const fs = mountFile(img, frames());
    assert.match(await debugfs(img, "stats"), /Filesystem state:\s+not clean/);
    assert.match(await debugfs(img, "stats"), new RegExp(`Mount count:\\s+${count + 1}\\b`));
    const f = ok(fs.root.create("f", 0o644, ROOT));
    f.openCount++;
    assert.equal(fs.unmount(), -Errno.EBUSY);
    assert.equal(fs.root.unlink("f"), 0);
    f.openCount--;
    f.lastClose();
    assert.equal(fs.statfs().type, 0xef53);
    assert.equal(fs.unmount(), 0);
    assert.match(await debugfs(img, "stats"), /Filesystem state:\s+clean/);
    await assertFsckClean(img);
    await done();
  },
);

e2fsTest("an unlinked file stays readable while open and is freed at the last close", async () => {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 4096, []);
  const fs = mountFile(img, frames());
  const free0 = fs.statfs();
  const f = ok(fs.root.create("f", 0o644, ROOT));
  assert.equal(f.writeAt(0, new Uint8Array(10000).fill(7)), 10000);
  f.openCount++;
  assert.equal(fs.root.unlink("f"), 0);
  assert.deepEqual(readAll(f), new Uint8Array(10000).fill(7));
  f.openCount--;
  f.lastClose();
  assert.equal(fs.statfs().bfree, free0.bfree);
  assert.equal(fs.statfs().ffree, free0.ffree);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  await done();
});

e2fsTest(
  "power cut: after sync, dropping the cache without unmount leaves a clean image",
  async () => {
    const { dir, done } = await tempDir();
    const img = `${dir}/fs.img`;
    await mke2fs(img, 8192, ["-b", "1024"]);
    const fs = mountFile(img, frames());
    for (let i = 0; i < 50; i++) {
      const d = ok(fs.root.mkdir(`d${i}`, 0o755, ROOT));
      const f = ok(d.create("data", 0o644, ROOT));
      assert.equal(f.writeAt(0, new Uint8Array(3000 * i).fill(i)), 3000 * i);
    }
    assert.equal(fs.sync(), 0);
    fs.bc.drop();
    fs.device.close();
    await assertFsckClean(img);
    const again = mountFile(img, frames(), true);
    const f = ok(walkPath(again.root, "d49/data"));
    assert.deepEqual(readAll(f), new Uint8Array(3000 * 49).fill(49));
    assert.equal(again.unmount(), 0);
    await done();
  },
);

e2fsTest("unknown features: incompat refuses the mount, ro_compat refuses read-write", async () => {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 4096, []);
  const bytes = await Deno.readFile(img);
  const view = new DataView(bytes.buffer);
  const lines: string[] = [];
  const log = (l: string) => lines.push(l);
  const ro = bytes.slice();
  new DataView(ro.buffer).setUint32(1024 + 100, view.getUint32(1024 + 100, true) | 0x20, true);
  assert.equal(
    mountExt2(new MemoryDisk(ro), frames(), { readOnly: false, devNo: 1, log }),
    -Errno.EROFS,
  );
  assert.match(lines.join("\n"), /dir_nlink/);
  const mounted = mountExt2(new MemoryDisk(ro), frames(), { readOnly: true, devNo: 1, log });
  assert(typeof mounted !== "number");
  assert.equal(mounted.root.create("x", 0o644, ROOT), -Errno.EROFS);
  const inc = bytes.slice();
  new DataView(inc.buffer).setUint32(1024 + 96, view.getUint32(1024 + 96, true) | 0x40, true);
  assert.equal(
    mountExt2(new MemoryDisk(inc), frames(), { readOnly: true, devNo: 1, log }),
    -Errno.EINVAL,
  );
  assert.match(lines.join("\n"), /extent/);
  assert.equal(
    mountExt2(new MemoryDisk(new Uint8Array(65536)), frames(), { readOnly: true, devNo: 1 }),
    -Errno.EINVAL,
  );
  await done();
});
