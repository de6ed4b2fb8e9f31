/** `denix exec` end to end: exit status, signal reports, the syscall trace, usage errors. */
import assert from "node:assert/strict";
import { parseSize } from "../../src/cli/exec.ts";
import { compile, HAS_GCC32 } from "./_guest.ts";

const ENTRY = new URL("./_exec_entry.ts", import.meta.url).pathname;

async function denixExec(args: string[]) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ENTRY, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr) };
}

Deno.test({
  name: "denix exec propagates the exit status and traces syscalls on request",
  ignore: !HAS_GCC32,
  async fn() {
    const r = await denixExec(["--trace=syscalls", compile("hello"), "x", "5"]);
    assert.equal(r.code, 5);
    assert.match(r.stdout, /^argc=3\nargv\[1\]=x\nargv\[2\]=5\n/m);
    assert.match(r.stderr, /^\[1\] write\(1, "raw write\\n", 10\) = 10$/m);
    assert.match(r.stderr, /^\[1\] exit_group\(5\) = 0$/m);
    assert.match(
      r.stderr,
      /^\[1\] readlink\("\/proc\/self\/exe", 0x[0-9a-f]+, 4096\) = -1 ENOENT$/m,
    );
  },
});

Deno.test({
  name: "denix exec reports death by signal in one line and exits with 128 + signal",
  ignore: !HAS_GCC32,
  async fn() {
    const r = await denixExec(["--mem", "32M", compile("crash")]);
    assert.equal(r.code, 139);
    assert.match(r.stdout, /parent alive\n$/);
    assert.match(r.stderr, /^denix exec: .*crash\.glibc: terminated by SIGSEGV \(core dumped\)$/m);
  },
});

Deno.test({
  name: "denix exec dies of SIGPIPE, silently, when the host closes its stdout pipe",
  ignore: !HAS_GCC32,
  async fn() {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ENTRY, compile("yes")],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /^y\n/);
    await reader.cancel();
    const status = await child.status;
    const stderr = await new Response(child.stderr).text();
    assert.equal(status.code, 141);
    assert.equal(stderr, "");
  },
});

Deno.test({
  name: "denix exec forwards the host's SIGINT to the guest, which may handle it",
  ignore: !HAS_GCC32,
  async fn() {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ENTRY, compile("sigint")],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    let text = "";
    while (!text.includes("ready\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    child.kill("SIGINT");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const status = await child.status;
    await child.stderr.cancel();
    assert.equal(text, "ready\ncaught 2\n");
    assert.equal(status.code, 0);
  },
});

Deno.test("denix exec refuses bad arguments", async () => {
  assert.equal((await denixExec([])).code, 2);
  assert.equal((await denixExec(["--mem", "1K", "/bin/true"])).code, 2);
  assert.equal((await denixExec(["/no/such/program"])).code, 127);
  assert.equal((await denixExec(["--bogus", "/bin/true"])).code, 2);
});

Deno.test("parseSize() reads byte counts with K/M/G suffixes", () => {
  assert.equal(parseSize("65536"), 65536);
  assert.equal(parseSize("64M"), 64 << 20);
  assert.equal(parseSize("128MiB"), 128 << 20);
  assert.equal(parseSize("1G"), 1 << 30);
  assert.ok(Number.isNaN(parseSize("lots")));
});
