/**
 * The denix command line, run as a subprocess: help, version, exit statuses
 * (0 success, 1 failure, 2 usage error) and messages on stderr.
 */
import assert from "node:assert/strict";
import { VERSION } from "../../src/version.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

async function denix(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("denix --help lists the commands and exits 0", async () => {
  const r = await denix("--help");
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: denix/);
  for (const cmd of ["boot", "exec", "cc", "ld", "mkimage", "image"]) {
    assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  }
});

Deno.test("denix --version prints the version", async () => {
  const r = await denix("--version");
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), `denix ${VERSION}`);
});

Deno.test("an unknown command is a usage error (exit 2, message on stderr)", async () => {
  const r = await denix("frobnicate");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'frobnicate'/);
  assert.equal(r.stdout, "");
});

Deno.test("an unknown option is a usage error", async () => {
  const r = await denix("boot", "--no-such-option");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no-such-option/);
});

Deno.test("mkimage without -o is a usage error", async () => {
  const r = await denix("mkimage");
  assert.equal(r.code, 2);
  assert.notEqual(r.stderr, "");
});
