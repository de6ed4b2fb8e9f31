/** ImageTree path rules and edits. */
import assert from "node:assert/strict";
import { ImageTree, splitPath } from "../../src/image/tree.ts";
import { collect } from "../../src/image/collect.ts";
import { Ext2Error, Ext2ErrorCode } from "../../src/formats/ext2/mod.ts";

const isCode = (code: Ext2ErrorCode) => (e: unknown) => e instanceof Ext2Error && e.code === code;

Deno.test("splitPath() ignores '.' and repeated slashes and refuses '..', relative and long names", () => {
  assert.deepEqual(splitPath("//usr/./bin//"), ["usr", "bin"]);
  assert.deepEqual(splitPath("/"), []);
  assert.throws(() => splitPath("usr/bin"), isCode(Ext2ErrorCode.BadParameter));
  assert.throws(() => splitPath("/usr/../etc"), /'\.\.' not allowed/);
  assert.throws(() => splitPath("/" + "n".repeat(256)), /name too long/);
  assert.deepEqual(splitPath("/" + "é".repeat(127)).length, 1);
});

Deno.test("ImageTree.mkdir() creates parents and keeps existing directories", () => {
  const t = new ImageTree(100);
  const c = t.mkdir("/a/b/c", { perm: 0o700 });
  assert.equal(c.meta.perm, 0o700);
  assert.equal(t.get("/a/b")?.meta.perm, 0o755);
  assert.equal(t.mkdir("/a/b"), t.get("/a/b"));
  assert.equal(t.mkdir("/", { perm: 0o711 }), t.root);
  assert.equal(t.root.meta.perm, 0o711);
  t.addFile("/a/f", { kind: "bytes", bytes: new Uint8Array(1) });
  assert.throws(() => t.mkdir("/a/f/g"), /not a directory/);
  assert.throws(
    () => t.addFile("/a/b", { kind: "bytes", bytes: new Uint8Array() }),
    /is a directory/,
  );
});

Deno.test("ImageTree edits: chmod, chown, link and replace", () => {
  const t = new ImageTree(100);
  t.addFile("/f", { kind: "bytes", bytes: new Uint8Array(3) });
  t.chmod("/f", 0o104755);
  t.chown("/f", 7, 8);
  assert.deepEqual(t.get("/f")?.meta, { perm: 0o4755, uid: 7, gid: 8, mtime: 100 });
  t.link("/f", "/g/h");
  assert.equal(t.get("/g/h"), t.get("/f"));
  assert.throws(() => t.link("/g", "/x"), /cannot hard-link a directory/);
  assert.throws(() => t.chmod("/nope", 0o644), isCode(Ext2ErrorCode.NotFound));
  t.symlink("/f", "/f");
  assert.equal(t.get("/f")?.kind, "symlink");
  assert.throws(() => t.mknod("/dev/x", "char", { major: 4096, minor: 0 }), /out of range/);
});

Deno.test("collect() counts links and adds lost+found once", () => {
  const t = new ImageTree(100);
  t.addFile("/a/f", { kind: "bytes", bytes: new Uint8Array() });
  t.link("/a/f", "/b/f2");
  t.link("/a/f", "/a/f3");
  t.mkdir("/a/sub");
  const c = collect(t);
  assert.equal(c.recs.length, 6); // root, lost+found, a, f, sub, b
  assert.equal(c.root.links, 2 + 3);
  assert.equal(c.recs.find((r) => r.node === t.get("/a/f"))?.links, 3);
  assert.equal(c.recs.find((r) => r.node === t.get("/a"))?.links, 3);
  t.mkdir("/lost+found", { perm: 0o700 });
  assert.equal(collect(t).recs.length, 6);
  t.put("/a/loop", t.get("/b")!);
  assert.throws(() => collect(t), /appears twice/);
});
