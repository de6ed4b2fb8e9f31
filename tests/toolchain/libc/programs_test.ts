/**
 * Guest C programs (tests/fixtures/libc/*.c) built against denix libc and
 * against glibc, run natively in fresh directories: stdout and exit status
 * must match byte for byte. Denix libc is built twice: by gcc -m32 (interim
 * toolchain) and by denix's own cc + as + ld. A sibling .in file is stdin;
 * stderr is compared for the programs in COMPARE_STDERR.
 */
import { strictEqual } from "node:assert/strict";
import { buildGlibc, buildOurs, hasGcc32, run, type RunResult, SKIP_REASON } from "./_build.ts";
import { buildOursDenix } from "./_denix_build.ts";

const FIXTURES = new URL("../../fixtures/libc/", import.meta.url).pathname;

const programs = [...Deno.readDirSync(FIXTURES)]
  .map((e) => e.name)
  .filter((n) => n.endsWith(".c"))
  .sort();

type Builder = (src: string, out: string) => Promise<void>;

/** Stdin fed to a program: the sibling .in file when present. */
function stdinFor(name: string): string {
  try {
    return Deno.readTextFileSync(`${FIXTURES}${name.replace(/\.c$/, ".in")}`);
  } catch {
    return "";
  }
}

async function buildAndRun(name: string, build: Builder): Promise<RunResult> {
  const dir = await Deno.makeTempDir({ prefix: "denix_libc_prog_" });
  try {
    await build(`${FIXTURES}${name}`, `${dir}/prog`);
    Deno.mkdirSync(`${dir}/work`);
    return await run(`${dir}/prog`, [], { stdin: stdinFor(name), cwd: `${dir}/work` });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const glibcRuns = new Map<string, Promise<RunResult>>();

function glibcRun(name: string): Promise<RunResult> {
  let p = glibcRuns.get(name);
  if (!p) glibcRuns.set(name, p = buildAndRun(name, buildGlibc));
  return p;
}

/** Programs whose stderr is deterministic and compared too. */
const COMPARE_STDERR = new Set(["assert.c", "stdio.c", "tools.c"]);

/** Programs the denix toolchain cannot build correctly yet, with the reason (reported to its owner). */
const DENIX_KNOWN: Record<string, string> = {};

const builders: Array<[string, Builder, Record<string, string>]> = [
  ["gcc -m32", buildOurs, {}],
  ["denix cc/as/ld", buildOursDenix, DENIX_KNOWN],
];

for (const [label, build, known] of builders) {
  for (const name of programs) {
    if (known[name] && hasGcc32) console.log(`skipping ${name} with ${label}: ${known[name]}`);
    Deno.test({
      name: `${name} built by ${label} against denix libc prints what glibc's build prints`,
      ignore: !hasGcc32 || name in known,
      async fn() {
        const [ours, theirs] = await Promise.all([buildAndRun(name, build), glibcRun(name)]);
        strictEqual(ours.stdout, theirs.stdout);
        strictEqual(ours.code, theirs.code);
        if (COMPARE_STDERR.has(name)) strictEqual(ours.stderr, theirs.stderr);
      },
    });
  }
}

if (!hasGcc32) console.log(`libc programs skipped: ${SKIP_REASON}`);
