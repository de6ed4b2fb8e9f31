/**
 * `denix mkimage` end to end: usage errors exit 2, failures exit 1 with a clear
 * message, and a full command line produces an image whose content e2fsck and
 * debugfs confirm (host modes, mtimes and symlinks kept, edits applied in order).
 */
import assert from "node:assert/strict";
import { type MkimageHooks, mkimageMain } from "../../src/image/cli.ts";
import { ImageTree } from "../../src/image/tree.ts";
import { parseSize } from "../../src/image/size.ts";
import { assertFsckClean, debugfs, e2fsTest, tempDir } from "./_e2fs.ts";

/** Runs mkimage capturing what it prints on stderr. */
async function mkimage(
  args: string[],
  hooks: MkimageHooks = {},
): Promise<{ code: number; err: string }> {
  const saved = console.error;
  let err = "";
  console.error = (...parts: unknown[]) => void (err += parts.join(" ") + "\n");
  try {
    return { code: await mkimageMain(args, hooks), err };
  } finally {
    console.error = saved;
  }
}

Deno.test("mkimage exits 2 with the usage line on usage errors", async () => {
  const bad = [
    [],
    ["--size", "4M"],
    ["-o", "x.img", "--bogus"],
    ["-o", "x.img", "--size", "lots"],
    ["-o", "x.img", "--block-size", "512"],
    ["-o", "x.img", "--inode-size", "100"],
    ["-o", "x.img", "--chmod", "9x:/a"],
    ["-o", "x.img", "--chown", "1:/a"],
    ["-o", "x.img", "--mknod", "/dev/x:z:1:2"],
    ["-o", "x.img", "--add", "relative"],
    ["-o", "x.img", "--symlink", "target-without-path"],
    ["-o", "x.img", "stray-positional"],
  ];
  for (const args of bad) {
    const { code, err } = await mkimage(args);
    assert.equal(code, 2, `${args.join(" ")}: ${err}`);
    assert.match(err, /usage: denix mkimage/);
  }
  assert.equal((await mkimage(["--help"])).code, 0);
});

Deno.test("mkimage fails clearly on C sources and --base without their hooks", async () => {
  const tmp = await tempDir();
  try {
    await Deno.writeTextFile(`${tmp.dir}/prog.c`, "int main(void) { return 0; }\n");
    const c = await mkimage(["-o", `${tmp.dir}/a.img`, "--add", `${tmp.dir}/prog.c:/bin/prog`]);
    assert.deepEqual([c.code, /C sources need denix cc \(not available yet\)/.test(c.err)], [
      1,
      true,
    ]);
    const b = await mkimage(["-o", `${tmp.dir}/a.img`, "--base"]);
    assert.deepEqual([b.code, /--base needs the base system tree/.test(b.err)], [1, true]);
    const big = await mkimage([
      "-o",
      `${tmp.dir}/a.img`,
      "--size",
      "1M",
      "--add",
      `${tmp.dir}/nope:/x`,
    ]);
    assert.equal(big.code, 1);
    assert.match(big.err, /No such file/);
  } finally {
    await tmp.done();
  }
});

Deno.test("mkimage reports a tree that does not fit with a size to use", async () => {
  const tmp = await tempDir();
  try {
    await Deno.writeFile(`${tmp.dir}/blob`, new Uint8Array(2 << 20));
    const r = await mkimage([
      "-o",
      `${tmp.dir}/a.img`,
      "--size",
      "1M",
      "--add",
      `${tmp.dir}/blob:/blob`,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /tree does not fit: .* try --size \d+M/);
  } finally {
    await tmp.done();
  }
});

e2fsTest("mkimage builds an image from host files and edits, applied in order", async () => {
  const tmp = await tempDir();
  try {
    const src = `${tmp.dir}/src`;
    await Deno.mkdir(`${src}/sub`, { recursive: true });
    await Deno.chmod(src, 0o750);
    await Deno.writeTextFile(`${src}/sub/hello`, "hello\n");
    await Deno.chmod(`${src}/sub/hello`, 0o751);
    await Deno.utime(`${src}/sub/hello`, 1_234_567_890, 1_234_567_890);
    await Deno.symlink("sub/hello", `${src}/link`);
    await Deno.writeTextFile(`${tmp.dir}/prog.c`, "int main(void) { return 0; }\n");
    await Deno.writeTextFile(`${tmp.dir}/keep.c`, "/* source */\n");
    const image = `${tmp.dir}/disk.img`;
    const hooks: MkimageHooks = {
      compileC: (source) =>
        Promise.resolve(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, source.length])),
      baseTree: () => {
        const t = new ImageTree();
        t.addFile("/etc/base", { kind: "bytes", bytes: new TextEncoder().encode("base\n") });
        return Promise.resolve(t);
      },
    };
    const { code, err } = await mkimage([
      "-o",
      image,
      "--size",
      "8M",
      "--block-size",
      "4096",
      "--inode-size",
      "128",
      "--base",
      "--from-dir",
      src,
      "--add",
      `${src}:/opt/copy`,
      "--add",
      `${tmp.dir}/prog.c:/bin/prog`,
      "--add",
      `${tmp.dir}/keep.c:/usr/src/keep.c`,
      "--mkdir",
      "/var/tmp",
      "--chmod",
      "1777:/var/tmp",
      "--chown",
      "1000:1000:/opt/copy/sub/hello",
      "--symlink",
      "/opt/copy:/optlink",
      "--mknod",
      "/dev/null:c:1:3",
      "--mknod",
      "/dev/sda:b:8:0",
      "--mknod",
      "/dev/initctl:p",
    ], hooks);
    assert.equal(code, 0, err);
    await assertFsckClean(image);
    assert.equal(await debugfs(image, "cat /etc/base"), "base\n");
    assert.match(
      await debugfs(image, "stat /"),
      /Mode:\s+0750/,
      "--from-dir gives / the dir's mode",
    );
    assert.equal(await debugfs(image, "cat /sub/hello"), "hello\n");
    const hello = await debugfs(image, "stat /opt/copy/sub/hello");
    assert.match(hello, /Mode:\s+0751/);
    assert.match(hello, /User:\s+1000\s+Group:\s+1000/);
    assert.match(hello, /mtime: 0x499602d2/);
    assert.match(await debugfs(image, "stat /sub/hello"), /User:\s+0\s+Group:\s+0/);
    assert.match(await debugfs(image, "stat /link"), /Fast link dest: "sub\/hello"/);
    assert.match(await debugfs(image, "stat /optlink"), /Fast link dest: "\/opt\/copy"/);
    const prog = await debugfs(image, "stat /bin/prog");
    assert.match(prog, /Mode:\s+0755[\s\S]*Size: 5\b/);
    assert.equal(await debugfs(image, "cat /usr/src/keep.c"), "/* source */\n");
    assert.match(await debugfs(image, "ls -l /var"), /41777 \(2\).* tmp/);
    assert.match(await debugfs(image, "stat /dev/sda"), /block special[\s\S]*08:00/);
    assert.match(await debugfs(image, "stat /dev/initctl"), /Type: FIFO/);
  } finally {
    await tmp.done();
  }
});

Deno.test("parseSize() reads binary suffixes and refuses junk", () => {
  assert.equal(parseSize("64M"), 64 << 20);
  assert.equal(parseSize("1G"), 1 << 30);
  assert.equal(parseSize("512k"), 512 << 10);
  assert.equal(parseSize("1536KiB"), 1536 << 10);
  assert.equal(parseSize("4096"), 4096);
  for (const bad of ["", "0", "-1M", "1.5M", "M", "12X"]) {
    assert.equal(parseSize(bad), undefined, bad);
  }
});
