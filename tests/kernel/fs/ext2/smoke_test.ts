import assert from "node:assert/strict";
import {
  assertFsckClean,
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
import { checkFreeCounts } from "../../../../src/kernel/fs/ext2/alloc.ts";

e2fsTest("ext2 smoke: mke2fs image reads and writes", async () => {
  const { dir, done } = await tempDir();
  await Deno.mkdir(`${dir}/src/sub`, { recursive: true });
  await Deno.writeTextFile(`${dir}/src/hello.txt`, "hello world\n");
  await Deno.writeFile(`${dir}/src/sub/big`, new Uint8Array(300000).map((_, i) => i * 7));
  const img = `${dir}/fs.img`;
  await mke2fs(img, 8192, ["-b", "1024", "-d", `${dir}/src`]);
  const fr = frames();
  const fs = mountFile(img, fr);
  const hello = ok(walkPath(fs.root, "hello.txt"));
  assert.equal(new TextDecoder().decode(readAll(hello)), "hello world\n");
  const big = ok(walkPath(fs.root, "sub/big"));
  assert.deepEqual(readAll(big), new Uint8Array(300000).map((_, i) => i * 7));
  const f = ok(fs.root.create("new", 0o644, ROOT));
  assert.equal(f.writeAt(0, new Uint8Array(5000).fill(65)), 5000);
  ok(fs.root.mkdir("d", 0o755, ROOT));
  assert.equal(checkFreeCounts(fs), null);
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  await done();
});
