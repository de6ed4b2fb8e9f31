/**
 * `denix cc` end to end with denix's own toolchain only: compile, assemble, link with
 * crt0 + denix libc + runtime, then run the executable natively (the host runs i386
 * binaries) and under `denix exec`; both must print the expected text and status.
 */
import assert from "node:assert/strict";
import { ccMain } from "../../../src/toolchain/cc/mod.ts";

const PROGRAM = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv) {
  int v[] = {5, 3, 9, 1, 7};
  qsort(v, 5, sizeof v[0], cmp);
  char *s = malloc(32);
  snprintf(s, 32, "%d-%d-%d", v[0], v[2], v[4]);
  printf("%s %s %lld %u %zu\\n", s, argc > 1 ? argv[1] : "none", -9000000000LL / 3,
         0xdeadbeefu, strlen(s));
  free(s);
  return 42;
}
`;

const EXPECTED = "1-5-9 arg -3000000000 3735928559 5\n";

async function runNative(exe: string) {
  const out = await new Deno.Command(exe, { args: ["arg"], stdout: "piped" }).output();
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
}

Deno.test("denix cc builds a static executable with denix as, ld and libc that runs natively and under denix", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/p.c`, PROGRAM);
    assert.equal(await ccMain([`${dir}/p.c`, "-o", `${dir}/p`]), 0);
    const native = await runNative(`${dir}/p`);
    assert.equal(native.stdout, EXPECTED);
    assert.equal(native.code, 42);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../../../main.ts", import.meta.url).pathname,
        "exec",
        `${dir}/p`,
        "arg",
      ],
      stdout: "piped",
    });
    const r = await child.output();
    assert.equal(new TextDecoder().decode(r.stdout), EXPECTED);
    assert.equal(r.code, 42);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("denix cc -nostdlib links only the given inputs (here an assembly _start)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/start.s`,
      ".globl _start\n_start:\n  call seven\n  movl %eax, %ebx\n  movl $1, %eax\n  int $0x80\n",
    );
    await Deno.writeTextFile(`${dir}/seven.c`, "int seven(void) { return 7; }\n");
    assert.equal(
      await ccMain(["-nostdlib", `${dir}/start.s`, `${dir}/seven.c`, "-o", `${dir}/x`]),
      0,
    );
    const r = await new Deno.Command(`${dir}/x`).output();
    assert.equal(r.code, 7);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
