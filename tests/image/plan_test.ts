/** Planner properties that need no e2fsprogs: feature flags, limits, reproducibility. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ImageTree } from "../../src/image/tree.ts";
import { planImage } from "../../src/image/plan.ts";
import { buildImage } from "../../src/image/build.ts";
import { progressLine } from "../../src/image/progress.ts";
import { tempDir } from "./_e2fs.ts";

Deno.test("planImage() sets large_file only when a file reaches 2 GiB", () => {
  const t = new ImageTree(0);
  t.addFile("/small", { kind: "host", path: "/nonexistent", size: 2 ** 31 - 1 });
  const opts = { sizeBytes: 5 * 2 ** 30, blockSize: 4096, inodeSize: 256 };
  assert.equal(planImage(t, opts).largeFile, false);
  t.addFile("/big", { kind: "host", path: "/nonexistent", size: 2 ** 31 });
  const plan = planImage(t, opts);
  assert.equal(plan.largeFile, true);
  assert.equal(plan.dataBytes, 2 ** 32 - 1);
});

Deno.test("planImage() refuses more subdirectories than ext2's link limit", () => {
  const t = new ImageTree(0);
  for (let i = 0; i < 31_999; i++) t.mkdir(`/d/${i}`);
  assert.throws(
    () => planImage(t, { sizeBytes: 256 << 20, blockSize: 4096, inodeSize: 128 }),
    /at most 32000/,
  );
});

Deno.test("buildImage() is reproducible for a fixed clock and UUID", async () => {
  const tmp = await tempDir();
  try {
    const hashes = [];
    for (const name of ["a", "b"]) {
      const t = new ImageTree(1_000_000_000);
      for (let i = 0; i < 50; i++) {
        t.addFile(`/x/${i}`, { kind: "bytes", bytes: new Uint8Array(i * 100).fill(i) });
      }
      await buildImage(t, `${tmp.dir}/${name}.img`, {
        sizeBytes: 2 << 20,
        uuid: new Uint8Array(16).fill(1),
      });
      hashes.push(
        createHash("sha256").update(await Deno.readFile(`${tmp.dir}/${name}.img`)).digest("hex"),
      );
    }
    assert.equal(hashes[0], hashes[1]);
  } finally {
    await tmp.done();
  }
});

Deno.test("progressLine() prints each whole percent once and ends with a newline", async () => {
  const lines: string[] = [];
  const tree = new ImageTree(0);
  tree.addFile("/blob", { kind: "bytes", bytes: new Uint8Array(6 << 20) });
  const tmp = await tempDir();
  try {
    const onProgress = progressLine((t) => lines.push(t), 1 << 20);
    await buildImage(tree, `${tmp.dir}/p.img`, {
      sizeBytes: 16 << 20,
      blockSize: 4096,
      onProgress,
    });
  } finally {
    await tmp.done();
  }
  assert.ok(lines.length >= 2, lines.join(""));
  assert.match(lines[0], /^\rmkimage: writing \d+% \(\d+\/6 MiB\)$/);
  assert.equal(lines.at(-1), "\rmkimage: writing 100% (6/6 MiB)\n");
  assert.equal(new Set(lines).size, lines.length);
  const quiet: string[] = [];
  progressLine((t) => quiet.push(t))(10, 100);
  assert.deepEqual(quiet, []);
});
