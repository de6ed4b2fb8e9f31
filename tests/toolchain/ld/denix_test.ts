/**
 * End to end: freestanding programs (tests/fixtures/ld) linked by denix ld run under
 * denix itself (`denix exec`: emulated CPU, denix kernel, set_thread_area TLS) and
 * behave exactly as they do natively on the host.
 */

import assert from "node:assert/strict";
import { link } from "../../../src/toolchain/ld/mod.ts";
import {
  canRunI386,
  compile,
  hasGcc32,
  type Model,
  requires,
  runExe,
  sh,
  withTempDir,
} from "./_host.ts";

const ENTRY = new URL("./_denix_exec.ts", import.meta.url).pathname;
const ready = requires("ld denix exec tests", {
  "no gcc -m32": hasGcc32,
  "host cannot run i386 executables": canRunI386,
});

const PROGRAMS: Record<string, string[]> = {
  basic: ["basic_main", "basic_util"],
  symbols: ["sym_main", "sym_other", "sym_strong"],
  tls: ["tls_main", "tls_other"],
  init: ["init_main", "init_other"],
  ifunc: ["ifunc_main", "ifunc_other"],
};

Deno.test({
  name: "programs linked by denix ld run under denix exactly as natively",
  ignore: !ready,
  async fn() {
    await withTempDir(async (dir) => {
      for (const [name, files] of Object.entries(PROGRAMS)) {
        for (const model of ["-fno-pic", "-fpie", "-fPIC"] as Model[]) {
          const objs = await Promise.all(["crt", ...files].map((f) => compile(dir, f, model)));
          const inputs = await Promise.all(
            objs.map(async (o) => ({ name: o, bytes: await Deno.readFile(o) })),
          );
          const exe = `${dir}/${name}${model}`;
          await Deno.writeFile(exe, link(inputs), { mode: 0o755 });
          const native = await runExe(exe);
          const r = await sh(Deno.execPath(), ["run", "-A", ENTRY, exe], false);
          assert.equal(r.stdout, native.stdout, `${name}${model} under denix`);
          assert.equal(r.code, native.code, `${name}${model} exit status under denix: ${r.stderr}`);
        }
      }
    });
  },
});
