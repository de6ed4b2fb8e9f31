/**
 * printf and scanf conformance: thousands of generated (format, value) cases
 * (see _conformance.ts) compiled into one program per family, built against
 * denix libc (built by gcc -m32, and by denix cc/as/ld) and against glibc;
 * every output line must match.
 */
import { strictEqual } from "node:assert/strict";
import { buildGlibc, buildOurs, hasGcc32, run, SKIP_REASON } from "./_build.ts";
import { printfProgram, scanfProgram, strtoProgram } from "./_conformance.ts";
import { buildOursDenix } from "./_denix_build.ts";

type Builder = (src: string, out: string) => Promise<void>;

async function compare(name: string, source: string, build: Builder): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: `denix_libc_${name}_` });
  try {
    await Deno.writeTextFile(`${dir}/${name}.c`, source);
    await Promise.all([
      build(`${dir}/${name}.c`, `${dir}/ours`),
      buildGlibc(`${dir}/${name}.c`, `${dir}/glibc`),
    ]);
    const [ours, theirs] = await Promise.all([run(`${dir}/ours`, []), run(`${dir}/glibc`, [])]);
    const a = ours.stdout.split("\n"), b = theirs.stdout.split("\n");
    const cases = source.split("\n").filter((l) => /^(T|TN|S)\(|^\{/.test(l));
    const bad: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) {
        bad.push(`line ${i + 1}: ours ${a[i]} glibc ${b[i]} (near case ${cases[i]})`);
      }
    }
    strictEqual(bad.length, 0, `${bad.length} mismatches, first:\n${bad.slice(0, 15).join("\n")}`);
    strictEqual(ours.code, 0);
    strictEqual(a.length > 1000, true, "too few cases ran");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const builders: Array<[string, Builder]> = [
  ["gcc -m32", buildOurs],
  ["denix cc/as/ld", buildOursDenix],
];

for (const [label, build] of builders) {
  Deno.test({
    name:
      `printf family (libc built by ${label}) matches glibc for thousands of formats and values`,
    ignore: !hasGcc32,
    fn: () => compare("printf", printfProgram(), build),
  });

  Deno.test({
    name: `scanf family (libc built by ${label}) matches glibc for generated formats and inputs`,
    ignore: !hasGcc32,
    fn: () => compare("scanf", scanfProgram(), build),
  });

  Deno.test({
    name:
      `strtol/strtoul/strtoll/strtoull/strtod (libc built by ${label}) match glibc on fuzzed text`,
    ignore: !hasGcc32,
    fn: () => compare("strto", strtoProgram(), build),
  });
}

if (!hasGcc32) console.log(`libc conformance skipped: ${SKIP_REASON}`);
