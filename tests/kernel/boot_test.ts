/** The guest tree `denix exec` builds around the host directory. */
import assert from "node:assert/strict";
import { bootExec } from "../../src/kernel/boot.ts";
import { Frames } from "../../src/kernel/mm/frames.ts";
import { Tmpfs } from "../../src/kernel/fs/tmpfs.ts";
import { ROOT_CRED } from "../../src/kernel/fs/vfs.ts";
import { HostStdio } from "../../src/host/stdio.ts";
import { PhysicalMemory } from "../../src/machine/memory.ts";
import { memoryFile, tinyElf } from "./_tiny_elf.ts";

function bootAt(cwd: string) {
  const host = new Tmpfs(new Frames(new PhysicalMemory(4 << 20)));
  host.root.create("marker", 0o644, { uid: 0, gid: 0 });
  const k = bootExec({
    memBytes: 8 << 20,
    port: new HostStdio(),
    program: memoryFile(tinyElf([0xeb, 0xfe])),
    argv: ["t"],
    envp: [],
    execfn: "t",
    cwd,
    hostDir: host.root,
  });
  if (typeof k === "number") throw new Error(`boot ${k}`);
  const exists = (p: string) => typeof k.vfs.resolve(k.vfs.root, p, ROOT_CRED) !== "number";
  return { k, exists };
}

Deno.test("the host directory appears at the cwd's path, beside /dev and /tmp", () => {
  const { k, exists } = bootAt("/tmp/work/dir");
  assert.ok(exists("/tmp/work/dir/marker"));
  assert.ok(exists("/dev/null") && exists("/dev/tty"));
  assert.ok(!exists("/marker"));
  assert.equal(k.init!.cwd.path, "/tmp/work/dir");
});

Deno.test("run from /, the host directory is the guest root under /dev and /tmp", () => {
  const { k, exists } = bootAt("/");
  assert.ok(exists("/marker"));
  assert.ok(exists("/dev/zero"));
  assert.ok(exists("/tmp"));
  assert.equal(k.init!.cwd.path, "/");
});
