/** `denix image ls|cat` on images built by the builder and by mke2fs. */
import assert from "node:assert/strict";
import { imageMain, modeString } from "../../src/image/image_cli.ts";
import { ImageTree } from "../../src/image/tree.ts";
import { buildImage } from "../../src/image/build.ts";
import { e2fsTest, run, tempDir } from "./_e2fs.ts";

async function image(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const saved = console.error;
  let out = "", err = "";
  console.error = (...parts: unknown[]) => void (err += parts.join(" ") + "\n");
  try {
    const code = await imageMain(args, (b) => void (out += new TextDecoder().decode(b)));
    return { code, out, err };
  } finally {
    console.error = saved;
  }
}

Deno.test("modeString() renders types and setuid/setgid/sticky bits like ls", () => {
  assert.equal(modeString(0o40755), "drwxr-xr-x");
  assert.equal(modeString(0o104755), "-rwsr-xr-x");
  assert.equal(modeString(0o41777), "drwxrwxrwt");
  assert.equal(modeString(0o102644), "-rw-r-Sr--");
  assert.equal(modeString(0o120777), "lrwxrwxrwx");
  assert.equal(modeString(0o20620), "crw--w----");
});

Deno.test("denix image ls -l and cat show what the builder stored", async () => {
  const tmp = await tempDir();
  try {
    const t = new ImageTree(0);
    t.addFile("/etc/motd", { kind: "bytes", bytes: new TextEncoder().encode("hi there\n") }, {
      uid: 5,
    });
    t.symlink("/etc/motd", "/motd");
    t.mknod("/dev/tty", "char", { major: 5, minor: 0 });
    const img = `${tmp.dir}/a.img`;
    await buildImage(t, img, { sizeBytes: 1 << 20 });
    const ls = await image(["ls", "-l", img, "/"]);
    assert.equal(ls.code, 0, ls.err);
    assert.match(ls.out, /^lrwxrwxrwx {3}1 {5}0 {5}0 {10}9 1970-01-01 00:00 motd -> \/etc\/motd$/m);
    assert.match(ls.out, /^drwx------ .* lost\+found$/m);
    assert.match((await image(["ls", "-l", img, "/dev"])).out, /^crw------- .* 5, 0 .* tty$/m);
    assert.match((await image(["ls", "-l", img, "/etc/motd"])).out, /^-rw-r--r-- {3}1 {5}5 /);
    assert.deepEqual((await image(["ls", img])).out.split("\n").filter(Boolean), [
      ".",
      "..",
      "lost+found",
      "etc",
      "motd",
      "dev",
    ]);
    assert.equal((await image(["cat", img, "/etc/motd"])).out, "hi there\n");
    const missing = await image(["cat", img, "/nope"]);
    assert.deepEqual([missing.code, missing.err.trim()], [
      1,
      "image: /nope: no such file or directory",
    ]);
    await Deno.writeFile(`${tmp.dir}/junk.img`, new Uint8Array(4096));
    const junk = await image(["ls", `${tmp.dir}/junk.img`]);
    assert.deepEqual([junk.code, /not an ext2 file system/.test(junk.err)], [1, true]);
    for (const bad of [[], ["ls"], ["cat", img], ["rm", img], ["ls", "-x", img]]) {
      assert.equal((await image(bad)).code, 2, bad.join(" "));
    }
  } finally {
    await tmp.done();
  }
});

e2fsTest("denix image cat reads files from a mke2fs image", async () => {
  const tmp = await tempDir();
  try {
    await Deno.mkdir(`${tmp.dir}/src`);
    await Deno.writeTextFile(`${tmp.dir}/src/file`, "from mke2fs\n");
    const mk = await run("mke2fs", [
      "-q",
      "-F",
      "-t",
      "ext2",
      "-d",
      `${tmp.dir}/src`,
      `${tmp.dir}/m.img`,
      "4M",
    ]);
    assert.equal(mk.code, 0, mk.out);
    assert.equal((await image(["cat", `${tmp.dir}/m.img`, "/file"])).out, "from mke2fs\n");
  } finally {
    await tmp.done();
  }
});
