/**
 * A seeded random workload through the Inode API, mirrored in a JS model; afterwards
 * e2fsck -fn must be clean and debugfs's rdump must show exactly the model's tree.
 */
import assert from "node:assert/strict";
import { Errno } from "../../../../src/abi/errno.ts";
import { checkFreeCounts } from "../../../../src/kernel/fs/ext2/alloc.ts";
import type { Inode } from "../../../../src/kernel/fs/inode.ts";
import {
  assertFsckClean,
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

type MNode = MFile | MDir | MLink;
interface MFile {
  kind: "file";
  data: Uint8Array;
}
interface MDir {
  kind: "dir";
  entries: Map<string, MNode>;
}
interface MLink {
  kind: "symlink";
  target: string;
}

/** xorshift32: a small seeded generator. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

class Workload {
  readonly root: MDir = { kind: "dir", entries: new Map() };
  readonly rand: (n: number) => number;
  readonly fsRoot: Inode;
  counter = 0;

  constructor(seed: number, fsRoot: Inode) {
    this.rand = rng(seed);
    this.fsRoot = fsRoot;
  }

  /** All directories as [path, node]. */
  dirs(): [string, MDir][] {
    const out: [string, MDir][] = [];
    const walk = (p: string, d: MDir) => {
      out.push([p, d]);
      for (const [n, c] of d.entries) if (c.kind === "dir") walk(`${p}/${n}`, c);
    };
    walk("", this.root);
    return out;
  }

  /** All non-directories as [dir path, dir, name, node]. */
  leaves(): [string, MDir, string, MNode][] {
    const out: [string, MDir, string, MNode][] = [];
    for (const [p, d] of this.dirs()) {
      for (const [n, c] of d.entries) if (c.kind !== "dir") out.push([p, d, n, c]);
    }
    return out;
  }

  pick<T>(xs: T[]): T | undefined {
    return xs.length ? xs[this.rand(xs.length)] : undefined;
  }

  inode(path: string): Inode {
    return ok(walkPath(this.fsRoot, path), `lookup ${path}`);
  }

  name(): string {
    const long = this.rand(10) === 0;
    return long
      ? `long-name-${"x".repeat(this.rand(200))}-${this.counter++}`
      : `n${this.counter++}`;
  }

  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    const v = this.rand(256);
    for (let i = 0; i < n; i++) b[i] = (v + i * 31 + (i >> 8)) & 0xff;
    return b;
  }

  step(): void {
    const ops = [
      () => this.create(),
      () => this.create(),
      () => this.write(),
      () => this.write(),
      () => this.write(),
      () => this.truncate(),
      () => this.mkdir(),
      () => this.rmdir(),
      () => this.unlink(),
      () => this.rename(),
      () => this.symlink(),
      () => this.link(),
    ];
    ops[this.rand(ops.length)]();
  }

  create(): void {
    const [p, d] = this.pick(this.dirs())!;
    const name = this.name();
    ok(this.inode(p).create(name, 0o644, ROOT), "create");
    d.entries.set(name, { kind: "file", data: new Uint8Array(0) });
  }

  write(): void {
    const leaf = this.pick(this.leaves().filter((l) => l[3].kind === "file"));
    if (!leaf) return;
    const [p, , name, node] = leaf as [string, MDir, string, MFile];
    const kind = this.rand(10);
    const len = kind < 6 ? this.rand(3000) : kind < 9 ? this.rand(70000) : this.rand(300000);
    const pos = this.rand(2) ? node.data.length : this.rand(node.data.length + 20000);
    const src = this.bytes(len);
    assert.equal(this.inode(`${p}/${name}`).writeAt(pos, src), len, "write");
    const grown = new Uint8Array(Math.max(node.data.length, pos + len));
    grown.set(node.data);
    grown.set(src, pos);
    node.data = grown;
  }

  truncate(): void {
    const leaf = this.pick(this.leaves().filter((l) => l[3].kind === "file"));
    if (!leaf) return;
    const [p, , name, node] = leaf as [string, MDir, string, MFile];
    const len = this.rand(node.data.length + 5000);
    assert.equal(this.inode(`${p}/${name}`).truncate(len), 0);
    const next = new Uint8Array(len);
    next.set(node.data.subarray(0, Math.min(len, node.data.length)));
    node.data = next;
  }

  mkdir(): void {
    const [p, d] = this.pick(this.dirs())!;
    const name = this.name();
    ok(this.inode(p).mkdir(name, 0o755, ROOT), "mkdir");
    d.entries.set(name, { kind: "dir", entries: new Map() });
  }

  rmdir(): void {
    const all = this.dirs().filter(([p]) => p !== "");
    const hit = this.pick(all);
    if (!hit) return;
    const [p, d] = hit;
    const cut = p.lastIndexOf("/");
    const parent = this.inode(p.slice(0, cut));
    const r = parent.rmdir(p.slice(cut + 1));
    if (d.entries.size > 0) return assert.equal(r, -Errno.ENOTEMPTY);
    assert.equal(r, 0);
    const [, pd] = this.dirs().find(([q]) => q === p.slice(0, cut))!;
    pd.entries.delete(p.slice(cut + 1));
  }

  unlink(): void {
    const leaf = this.pick(this.leaves());
    if (!leaf) return;
    const [p, d, name] = leaf;
    assert.equal(this.inode(p).unlink(name), 0);
    d.entries.delete(name);
  }

  rename(): void {
    const srcDirs = this.dirs();
    const [sp, sd] = this.pick(srcDirs)!;
    const names = [...sd.entries.keys()];
    const name = this.pick(names);
    if (name === undefined) return;
    const node = sd.entries.get(name)!;
    const [tp, td] = this.pick(this.dirs())!;
    const existing = [...td.entries.keys()];
    const newName = this.rand(3) === 0 && existing.length ? this.pick(existing)! : this.name();
    const r = this.inode(sp).rename(name, this.inode(tp), newName);
    const expect = this.expectRename(node, sp, name, tp, td, newName);
    assert.equal(r, expect, `rename ${sp}/${name} -> ${tp}/${newName}`);
    if (expect !== 0 || (sd === td && name === newName)) return;
    const old = td.entries.get(newName);
    if (old === node) return;
    sd.entries.delete(name);
    td.entries.set(newName, node);
  }

  expectRename(
    node: MNode,
    sp: string,
    name: string,
    tp: string,
    td: MDir,
    newName: string,
  ): number {
    if (node.kind === "dir" && (tp === `${sp}/${name}` || tp.startsWith(`${sp}/${name}/`))) {
      return -Errno.EINVAL;
    }
    const old = td.entries.get(newName);
    if (!old || old === node) return 0;
    if ((old.kind === "dir") !== (node.kind === "dir")) {
      return old.kind === "dir" ? -Errno.EISDIR : -Errno.ENOTDIR;
    }
    if (old.kind === "dir" && old.entries.size > 0) return -Errno.ENOTEMPTY;
    return 0;
  }

  symlink(): void {
    const [p, d] = this.pick(this.dirs())!;
    const name = this.name();
    const target = this.rand(3) === 0
      ? `/some/long/target/${"t".repeat(40 + this.rand(300))}`
      : `tgt${this.rand(99)}`;
    ok(this.inode(p).symlink(name, target, ROOT), "symlink");
    d.entries.set(name, { kind: "symlink", target });
  }

  link(): void {
    const leaf = this.pick(this.leaves().filter((l) => l[3].kind === "file"));
    if (!leaf) return;
    const [p, , name, node] = leaf;
    const [tp, td] = this.pick(this.dirs())!;
    const newName = this.name();
    assert.equal(this.inode(tp).link(newName, this.inode(`${p}/${name}`)), 0);
    td.entries.set(newName, node);
  }

  /** Every file read back through the driver equals the model. */
  verifyThroughDriver(): void {
    for (const [p, , name, node] of this.leaves()) {
      const i = this.inode(`${p}/${name}`);
      if (node.kind === "file") assert.deepEqual(readAll(i), node.data, `${p}/${name}`);
      if (node.kind === "symlink") assert.equal(i.readlink(), node.target);
    }
  }
}

/** Compares a host directory (debugfs rdump output) with a model directory. */
function compareHost(host: string, d: MDir, skip: Set<string>): void {
  const names = [...Deno.readDirSync(host)].map((e) => e.name).filter((n) => !skip.has(n)).sort();
  assert.deepEqual(names, [...d.entries.keys()].sort(), host);
  for (const [name, node] of d.entries) {
    const path = `${host}/${name}`;
    if (node.kind === "dir") compareHost(path, node, new Set());
    else if (node.kind === "symlink") assert.equal(Deno.readLinkSync(path), node.target, path);
    else assert.deepEqual(Deno.readFileSync(path), node.data, path);
  }
}

async function workload(
  blockSize: number,
  inodeSize: number,
  seed: number,
  steps: number,
  ramMiB = 32,
) {
  const { dir, done } = await tempDir();
  const img = `${dir}/fs.img`;
  await mke2fs(img, 65536, ["-b", `${blockSize}`, "-I", `${inodeSize}`]);
  const fs = mountFile(img, frames(ramMiB));
  const w = new Workload(seed, fs.root);
  for (let i = 0; i < steps; i++) w.step();
  assert.equal(checkFreeCounts(fs), null);
  w.verifyThroughDriver();
  if (ramMiB <= 2) assert(fs.bc.stats.evictions > 0, JSON.stringify(fs.bc.stats));
  assert.equal(fs.unmount(), 0);
  await assertFsckClean(img);
  await Deno.mkdir(`${dir}/out`);
  const r = await run("debugfs", ["-R", `rdump / ${dir}/out`, img]);
  assert.equal(r.code, 0, r.out);
  compareHost(`${dir}/out`, w.root, new Set(["lost+found"]));
  await done();
}

e2fsTest(
  "ext2 workload: 1 KiB blocks, 128-byte inodes, e2fsck clean, rdump equals the model",
  async () => {
    await workload(1024, 128, 1, 3000);
  },
);

e2fsTest(
  "ext2 workload: 4 KiB blocks, 256-byte inodes, e2fsck clean, rdump equals the model",
  async () => {
    await workload(4096, 256, 7, 3000);
  },
);

e2fsTest(
  "ext2 workload: a 2 MiB guest RAM forces buffer-cache eviction and write-back",
  async () => {
    await workload(1024, 256, 99, 1500, 2);
  },
);
