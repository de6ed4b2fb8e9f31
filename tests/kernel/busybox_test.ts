/**
 * Debian's busybox-static:i386 (a real, unmodified static i386 program) prints the same
 * under denix as natively. Set DENIX_BUSYBOX to its path (for example, the result of
 * `apt-get download busybox-static:i386 && dpkg -x busybox-static_*.deb DIR`, then
 * DIR/bin/busybox); skipped otherwise.
 */
import assert from "node:assert/strict";
import { runDenix, runNative, stage } from "./_guest.ts";

const BUSYBOX = Deno.env.get("DENIX_BUSYBOX") ?? "";
let usable = false;
try {
  const head = new Uint8Array(20);
  using f = Deno.openSync(BUSYBOX);
  f.readSync(head);
  usable = head[4] === 1 && head[18] === 3;
} catch { /* not configured */ }

const CASES: [string, string[], string?][] = [
  ["echo", ["echo", "hello", "world"]],
  ["shell loop", ["sh", "-c", "i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo line $i; done"]],
  ["subshells and status", ["sh", "-c", "(exit 3); echo $?; x=$(echo inner); echo $x"]],
  ["pipeline of applets", [
    "sh",
    "-c",
    "busybox seq 1 1 >/dev/null 2>&1; echo a b c | busybox tr a-z A-Z",
  ]],
  ["sort and uniq", ["sort", "-r"], "pear\napple\nfig\napple\n"],
  ["sed", ["sed", "s/o/0/g"], "foo boo\nzoo\n"],
  ["wc", ["wc"], "one two\nthree\n"],
  ["md5sum", ["md5sum"], "the quick brown fox\n"],
  ["sha256sum", ["sha256sum"], "the quick brown fox\n"],
  ["od", ["od", "-c"], "denix\n"],
  ["expr", ["expr", "6", "*", "7"]],
  ["false", ["false"]],
];

for (const [label, args, stdin] of CASES) {
  Deno.test({
    name: `busybox ${label} prints the same under denix as natively`,
    ignore: !usable,
    async fn() {
      const opts = stdin === undefined ? {} : { stdin };
      const exe = stage(BUSYBOX);
      const native = await runNative(exe, args, stdin);
      const denix = await runDenix(exe, args, opts);
      assert.equal(denix.stdout, native.stdout);
      assert.equal(denix.code, native.code);
    },
  });
}

if (!usable) console.log("busybox tests skipped: set DENIX_BUSYBOX to a static i386 busybox");
