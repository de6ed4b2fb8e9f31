/**
 * Guest C programs (tests/fixtures/libc/*.c) built against denix libc and
 * against glibc, run natively in fresh directories: stdout and exit status
 * must match byte for byte. Programs read `stdin.txt` fixtures when present.
 */
import { strictEqual as assertEquals } from "node:assert/strict";
import { buildGlibc, buildOurs, hasGcc32, run, SKIP_REASON } from "./_build.ts";

const FIXTURES = new URL("../../fixtures/libc/", import.meta.url).pathname;

const programs = [...Deno.readDirSync(FIXTURES)]
  .map((e) => e.name)
  .filter((n) => n.endsWith(".c"))
  .sort();

/** Stdin fed to a program: the sibling .in file when present. */
function stdinFor(name: string): string {
  try {
    return Deno.readTextFileSync(`${FIXTURES}${name.replace(/\.c$/, ".in")}`);
  } catch {
    return "";
  }
}

async function buildAndRun(name: string, build: typeof buildOurs) {
  const dir = await Deno.makeTempDir({ prefix: "denix_libc_prog_" });
  try {
    await build(`${FIXTURES}${name}`, `${dir}/prog`);
    Deno.mkdirSync(`${dir}/work`);
    return await run(`${dir}/prog`, [], { stdin: stdinFor(name), cwd: `${dir}/work` });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const name of programs) {
  Deno.test({
    name: `${name} prints the same output with denix libc as with glibc`,
    ignore: !hasGcc32,
    async fn() {
      const [ours, theirs] = await Promise.all([
        buildAndRun(name, buildOurs),
        buildAndRun(name, buildGlibc),
      ]);
      assertEquals(ours.stdout, theirs.stdout);
      assertEquals(ours.code, theirs.code);
    },
  });
}

if (!hasGcc32) console.log(`libc programs skipped: ${SKIP_REASON}`);
