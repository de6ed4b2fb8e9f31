/**
 * Corrupt images make the reader throw a typed Ext2Error with a clear message —
 * never a RangeError, a crash or a hang: fuzzed superblock fields, group
 * descriptors, block pointers and rec_lens, directory cycles, and random byte
 * flips over all metadata.
 */
import assert from "node:assert/strict";
import {
  Ext2Error,
  Ext2ErrorCode,
  Ext2Reader,
  memorySource,
  SUPERBLOCK_SPEC,
} from "../../../src/formats/ext2/mod.ts";
import { ImageTree } from "../../../src/image/tree.ts";
import { buildImage } from "../../../src/image/build.ts";
import { readImageTree } from "../../../src/image/from_image.ts";
import { e2fsTest, run, tempDir } from "../../image/_e2fs.ts";

/** A 1 MiB image with a file needing double-indirect blocks (with 1 KiB blocks). */
async function baseImage(blockSize = 1024, inodeSize = 128): Promise<Uint8Array> {
  const t = new ImageTree(1_700_000_000);
  t.addFile("/a/small", { kind: "bytes", bytes: new TextEncoder().encode("hi\n") });
  t.addFile("/a/big", { kind: "bytes", bytes: new Uint8Array(300 * 1024).fill(9) });
  t.symlink("/a/small", "/link");
  t.mkdir("/a/b/c");
  const tmp = await tempDir();
  try {
    await buildImage(t, `${tmp.dir}/base.img`, { sizeBytes: 1 << 20, blockSize, inodeSize });
    return await Deno.readFile(`${tmp.dir}/base.img`);
  } finally {
    await tmp.done();
  }
}

const BASE = await baseImage();

function isCode(code: Ext2ErrorCode) {
  return (e: unknown) => e instanceof Ext2Error && e.code === code;
}

/** Reads everything in `img`: open, walk the tree, read every file. */
function readAll(img: Uint8Array): void {
  readImageTree(Ext2Reader.open(memorySource(img)), { maxFileBytes: 1 << 20 });
}

function withSuperField(field: keyof typeof SUPERBLOCK_SPEC, value: number): Uint8Array {
  const img = BASE.slice();
  const [off, kind] = SUPERBLOCK_SPEC[field];
  const view = new DataView(img.buffer, 1024);
  if (kind === "u16") view.setUint16(off, value, true);
  else if (kind === "u32") view.setUint32(off, value, true);
  else throw new Error("field kind not fuzzable");
  return img;
}

/** Byte offset of inode `ino` in `img`. */
function inodeOffset(img: Uint8Array, ino: number): number {
  const fs = Ext2Reader.open(memorySource(img));
  const ipg = fs.sb.inodesPerGroup;
  const g = Math.floor((ino - 1) / ipg);
  return fs.groups[g].inodeTable * fs.blockSize + ((ino - 1) % ipg) * fs.inodeSize;
}

Deno.test("the uncorrupted base image reads cleanly", () => {
  readAll(BASE);
});

Deno.test("Ext2Reader.open() rejects fuzzed superblock fields with typed errors", () => {
  const cases: [keyof typeof SUPERBLOCK_SPEC, number, Ext2ErrorCode, RegExp][] = [
    ["magic", 0x1234, Ext2ErrorCode.BadSuperblock, /magic 0x1234/],
    ["logBlockSize", 9, Ext2ErrorCode.BadSuperblock, /s_log_block_size 9/],
    ["logBlockSize", 2, Ext2ErrorCode.BadSuperblock, /s_first_data_block/],
    ["firstDataBlock", 0, Ext2ErrorCode.BadSuperblock, /s_first_data_block 0/],
    ["blocksPerGroup", 0, Ext2ErrorCode.BadSuperblock, /s_blocks_per_group 0/],
    ["blocksPerGroup", 100000, Ext2ErrorCode.BadSuperblock, /s_blocks_per_group/],
    ["inodesPerGroup", 0, Ext2ErrorCode.BadSuperblock, /s_inodes_per_group 0/],
    ["blocksCount", 1, Ext2ErrorCode.BadSuperblock, /s_blocks_count 1/],
    ["blocksCount", 0xffffffff, Ext2ErrorCode.BadSuperblock, /s_inodes_count/],
    ["inodesCount", 12345, Ext2ErrorCode.BadSuperblock, /s_inodes_count 12345/],
    ["inodeSize", 100, Ext2ErrorCode.BadSuperblock, /s_inode_size 100/],
    ["inodeSize", 2048, Ext2ErrorCode.BadSuperblock, /s_inode_size 2048/],
    ["revLevel", 7, Ext2ErrorCode.Unsupported, /s_rev_level 7/],
    ["featureIncompat", 0x42, Ext2ErrorCode.Unsupported, /incompatible features 0x40/],
    ["firstIno", 0, Ext2ErrorCode.BadSuperblock, /s_first_ino 0/],
  ];
  for (const [field, value, code, message] of cases) {
    assert.throws(() => Ext2Reader.open(memorySource(withSuperField(field, value))), (e) => {
      assert.ok(isCode(code)(e), `${field}=${value}: ${e}`);
      assert.match((e as Error).message, message);
      return true;
    });
  }
});

Deno.test("Ext2Reader.open() reports truncated images and out-of-range group descriptors", () => {
  assert.throws(
    () => Ext2Reader.open(memorySource(BASE.slice(0, 1500))),
    isCode(Ext2ErrorCode.Truncated),
  );
  assert.throws(() => Ext2Reader.open(memorySource(BASE.slice(0, 512 << 10))), /image truncated/);
  const img = BASE.slice();
  new DataView(img.buffer).setUint32(2048 + 8, 5_000_000, true); // group 0 bg_inode_table
  assert.throws(() => Ext2Reader.open(memorySource(img)), isCode(Ext2ErrorCode.BadGroupDesc));
});

Deno.test("Ext2Reader reports bad direct, indirect and double-indirect block pointers", () => {
  const fs = Ext2Reader.open(memorySource(BASE));
  const small = fs.lookup("/a/small"), big = fs.lookup("/a/big");
  for (const [ino, slot] of [[small, 0], [big, 12], [big, 13]]) {
    const img = BASE.slice();
    new DataView(img.buffer).setUint32(inodeOffset(img, ino) + 40 + slot * 4, 0x7fffffff, true);
    assert.throws(() => Ext2Reader.open(memorySource(img)).readFile(ino), (e) => {
      assert.ok(isCode(Ext2ErrorCode.BadBlockPointer)(e), String(e));
      assert.match((e as Error).message, /bad block pointer 2147483647/);
      return true;
    });
  }
  const img = BASE.slice();
  const ind = fs.readInode(big).block[12];
  new DataView(img.buffer).setUint32(ind * 1024 + 4 * 7, 999_999, true);
  assert.throws(() => Ext2Reader.open(memorySource(img)).readFile(big), /in indirect block/);
});

Deno.test("Ext2Reader.readDir() rejects bad rec_len (including 0) instead of looping", () => {
  const fs = Ext2Reader.open(memorySource(BASE));
  const rootBlock = fs.readInode(2).block[0];
  for (const rec of [0, 5, 8, 1024 + 12]) {
    const img = BASE.slice();
    new DataView(img.buffer).setUint16(rootBlock * 1024 + 12 + 4, rec, true); // ".." entry
    assert.throws(() => readAll(img), isCode(Ext2ErrorCode.BadDirEntry), `rec_len ${rec}`);
  }
  const img = BASE.slice();
  new DataView(img.buffer).setUint32(rootBlock * 1024 + 24, 99_999, true); // third entry's inode
  assert.throws(() => readAll(img), /inode 99999 out of range/);
});

Deno.test("readImageTree() detects a directory cycle", () => {
  const fs = Ext2Reader.open(memorySource(BASE));
  const c = fs.lookup("/a/b/c");
  const cBlock = fs.readInode(c).block[0];
  const img = BASE.slice();
  // Turn c's ".." entry into a child named ".x" pointing back at /a.
  const view = new DataView(img.buffer);
  view.setUint32(cBlock * 1024 + 12, fs.lookup("/a"), true);
  img[cBlock * 1024 + 12 + 8] = ".".charCodeAt(0);
  img[cBlock * 1024 + 12 + 9] = "x".charCodeAt(0);
  assert.throws(() => readAll(img), /reachable twice/);
});

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Flips 1..6 random bytes per round in the metadata of `base` (superblock, GDT,
 * bitmaps, the first inode table blocks) or at the start of a directory or
 * indirect block, then reads everything. Returns [typed errors, clean reads].
 */
function fuzz(base: Uint8Array, seed: number, rounds: number): [number, number] {
  const fs = Ext2Reader.open(memorySource(base));
  const bs = fs.blockSize;
  const metaEnd = (fs.groups[0].inodeTable + 16) * bs;
  const big = fs.readInode(fs.lookup("/a/big"));
  const dirBlocks = [2, fs.lookup("/a"), fs.lookup("/a/b")].map((i) => fs.readInode(i).block[0]);
  const targets = [...dirBlocks, big.block[12], big.block[13]].filter((b) => b !== 0);
  const rand = prng(seed);
  let typed = 0, clean = 0;
  for (let round = 0; round < rounds; round++) {
    const img = base.slice();
    const flips = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < flips; i++) {
      const at = rand() < 0.3
        ? targets[Math.floor(rand() * targets.length)] * bs + Math.floor(rand() * 64)
        : 1024 + Math.floor(rand() * (metaEnd - 1024));
      img[at] = rand() < 0.5 ? Math.floor(rand() * 256) : img[at] ^ (1 << Math.floor(rand() * 8));
    }
    try {
      readAll(img);
      clean++;
    } catch (e) {
      assert.ok(e instanceof Ext2Error, `seed ${seed} round ${round}: ${e}`);
      typed++;
    }
  }
  return [typed, clean];
}

Deno.test("random byte flips in metadata give Ext2Error or a readable tree, never a crash", () => {
  const [typed, clean] = fuzz(BASE, 12345, 2000);
  assert.ok(typed > 50 && clean > 50, `typed ${typed}, clean ${clean}`);
});

Deno.test("random byte flips in a 4 KiB-block image give Ext2Error or a readable tree", async () => {
  const [typed, clean] = fuzz(await baseImage(4096, 256), 777, 1000);
  assert.ok(typed > 50 && clean > 50, `typed ${typed}, clean ${clean}`);
});

e2fsTest("random byte flips in a mke2fs image give Ext2Error or a readable tree", async () => {
  const tmp = await tempDir();
  try {
    await Deno.mkdir(`${tmp.dir}/src/a/b/c`, { recursive: true });
    await Deno.writeTextFile(`${tmp.dir}/src/a/small`, "hi\n");
    await Deno.writeFile(`${tmp.dir}/src/a/big`, new Uint8Array(300 * 1024).fill(9));
    const image = `${tmp.dir}/m.img`;
    const mk = await run("mke2fs", [
      "-q",
      "-F",
      "-t",
      "ext2",
      "-b",
      "1024",
      "-d",
      `${tmp.dir}/src`,
      image,
      "1M",
    ]);
    assert.equal(mk.code, 0, mk.out);
    const [typed, clean] = fuzz(await Deno.readFile(image), 4242, 1000);
    assert.ok(typed > 50 && clean > 50, `typed ${typed}, clean ${clean}`);
  } finally {
    await tmp.done();
  }
});
