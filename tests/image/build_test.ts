/**
 * The builder against its oracles: every image passes `e2fsck -fn` cleanly, debugfs
 * shows the names, modes, owners, sizes, link targets and contents put in, and the
 * reader gives back the same tree.
 */
import assert from "node:assert/strict";
import { ImageTree } from "../../src/image/tree.ts";
import { buildImage } from "../../src/image/build.ts";
import { readImageTree } from "../../src/image/from_image.ts";
import { openFileSource } from "../../src/image/file_source.ts";
import { Ext2Reader } from "../../src/formats/ext2/mod.ts";
import { assertFsckClean, debugfs, describeTree, e2fsTest, tempDir } from "./_e2fs.ts";

const enc = new TextEncoder();
const bytes = (s: string) => ({ kind: "bytes" as const, bytes: enc.encode(s) });

function sampleTree(): ImageTree {
  const t = new ImageTree(1_700_000_000);
  t.addFile("/etc/motd", bytes("hello world\n"), { perm: 0o600, uid: 1000, gid: 100 });
  t.link("/etc/motd", "/root/motd.link");
  t.addFile("/empty", bytes(""));
  t.addFile("/bin/prog", { kind: "bytes", bytes: new Uint8Array(70_000).map((_, i) => i * 13) }, {
    perm: 0o4755,
  });
  t.symlink("/etc/motd", "/fast");
  t.symlink("/" + "long/".repeat(30) + "target", "/slow");
  t.mknod("/dev/tty", "char", { major: 5, minor: 0 }, { perm: 0o666 });
  t.mknod("/dev/nvme", "block", { major: 259, minor: 300 });
  t.mkfifo("/run/initctl", { perm: 0o600 });
  t.mkdir("/tmp", { perm: 0o1777 });
  t.chown("/root", 0, 0);
  t.chmod("/root", 0o700);
  t.addFile("/home/user/big-uid", bytes("x"), { uid: 70000, gid: 65537 });
  return t;
}

async function withImage(
  options: { blockSize: number; inodeSize: number; sizeBytes: number },
  body: (image: string) => Promise<void>,
): Promise<void> {
  const tmp = await tempDir();
  try {
    const image = `${tmp.dir}/disk.img`;
    await buildImage(sampleTree(), image, options);
    await body(image);
  } finally {
    await tmp.done();
  }
}

e2fsTest(
  "buildImage() output passes e2fsck -fn and shows the tree in debugfs",
  () =>
    withImage({ blockSize: 1024, inodeSize: 128, sizeBytes: 4 << 20 }, async (image) => {
      await assertFsckClean(image);
      const root = await debugfs(image, "ls -l /");
      for (
        const name of ["lost+found", "etc", "empty", "bin", "fast", "slow", "dev", "run", "tmp"]
      ) {
        assert.match(root, new RegExp(` ${name.replace("+", "\\+")}\\n`), root);
      }
      assert.match(root, /40700 \(2\)\s+0\s+0\s+12288 .* lost\+found/);
      assert.match(root, /41777 \(2\)\s+0\s+0\s+1024 .* tmp/);
      assert.equal(await debugfs(image, "cat /etc/motd"), "hello world\n");
      const motd = await debugfs(image, "stat /etc/motd");
      assert.match(motd, /Mode:\s+0600/);
      assert.match(motd, /User:\s+1000\s+Group:\s+100\s+Size: 12/);
      assert.match(motd, /Links: 2/);
      assert.match(await debugfs(image, "stat /fast"), /Fast link dest: "\/etc\/motd"/);
      const dev = await debugfs(image, "stat /dev/tty");
      assert.match(dev, /Type: character special\s+Mode:\s+0666/);
      assert.match(dev, /Device major\/minor number: 05:00/);
      assert.match(await debugfs(image, "stat /bin/prog"), /Mode:\s+04755[\s\S]*Size: 70000/);
      assert.match(await debugfs(image, "stat /home/user/big-uid"), /User: 70000\s+Group: 65537/);
    }),
);

e2fsTest(
  "buildImage() content, symlink targets and device numbers match what debugfs dumps",
  () =>
    withImage({ blockSize: 4096, inodeSize: 256, sizeBytes: 8 << 20 }, async (image) => {
      await assertFsckClean(image);
      const tmp = await tempDir();
      try {
        await debugfs(image, `dump /bin/prog ${tmp.dir}/prog`);
        const prog = await Deno.readFile(`${tmp.dir}/prog`);
        assert.deepEqual(prog, new Uint8Array(70_000).map((_, i) => i * 13));
      } finally {
        await tmp.done();
      }
      const slow = await debugfs(image, "stat /slow");
      assert.match(slow, /Size: 157/);
      assert.equal(await debugfs(image, "cat /slow"), "/" + "long/".repeat(30) + "target");
      assert.match(await debugfs(image, "stat /dev/nvme"), /Device major\/minor number: 259:300/);
    }),
);

Deno.test("readImageTree() returns the tree buildImage() was given", async () => {
  for (const [blockSize, inodeSize] of [[1024, 128], [2048, 256], [4096, 256]]) {
    await withImage({ blockSize, inodeSize, sizeBytes: 8 << 20 }, async (image) => {
      const src = openFileSource(image);
      try {
        const back = readImageTree(Ext2Reader.open(src));
        const want = await describeTree(sampleTree());
        assert.deepEqual(await describeTree(back, { skip: ["/lost+found"] }), want);
      } finally {
        src.close();
      }
    });
  }
});
