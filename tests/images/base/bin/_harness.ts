/**
 * Test harness for the denix tools (images/base/src/bin): builds tools
 * natively with `gcc -m32 -static` against glibc (INTERIM, until denix cc,
 * ld and libc build the userland) and compares them with the host's GNU tools
 * run on the same inputs in identical temporary directories.
 *
 * @module
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";

const ROOT = new URL("../../../../images/base/src/", import.meta.url).pathname;
/** Directory of the tools' C sources. */
export const BIN_SRC = ROOT + "bin/";
/** Directory of the shared library sources. */
export const LIB_SRC = ROOT + "lib/";

function probeGcc(): boolean {
  try {
    const dir = Deno.makeTempDirSync();
    Deno.writeTextFileSync(dir + "/t.c", "int main(void){return 0;}\n");
    const r = new Deno.Command("gcc", {
      args: ["-m32", "-static", dir + "/t.c", "-o", dir + "/t"],
      stderr: "null",
      stdout: "null",
    }).outputSync();
    Deno.removeSync(dir, { recursive: true });
    return r.success;
  } catch {
    return false;
  }
}

/** True when `gcc -m32 -static` works on this host (tests skip otherwise). */
export const hasGcc: boolean = probeGcc();

/** True when the named host tool is on PATH. */
export function hasTool(name: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${name}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Which toolchain builds the tools: "gcc" (glibc), "denix" (denix cc + as
 * against glibc's headers, INTERIM gcc link with glibc), or "denix-libc"
 * (denix cc + as + ld against denix libc: no host toolchain at all).
 */
export type Compiler = "gcc" | "denix" | "denix-libc";

let outDir: string | undefined;
const built = new Map<string, Promise<string>>();

async function gcc(args: string[]): Promise<void> {
  const r = await new Deno.Command("gcc", { args, stderr: "piped" }).output();
  const err = new TextDecoder().decode(r.stderr).split("\n")
    .filter((l) => l && !/statically linked|in function/.test(l)).join("\n");
  if (!r.success) throw new Error(`gcc ${args.join(" ")} failed:\n${err}`);
}

const CFLAGS = ["-m32", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Werror", "-O1"];

function libSources(): string[] {
  return [...Deno.readDirSync(LIB_SRC)].filter((e) => e.name.endsWith(".c"))
    .map((e) => LIB_SRC + e.name).sort();
}

/** Compiles one C file with denix cc against the host's glibc headers, assembles it with denix as. */
async function denixObject(src: string, out: string): Promise<void> {
  const { compile } = await import("../../../../src/toolchain/cc/mod.ts");
  const { assemble, writeElfObject } = await import("../../../../src/toolchain/as/mod.ts");
  const r = compile(await Deno.readTextFile(src), {
    fileName: src,
    includeDirs: [LIB_SRC],
    systemDirs: ["/usr/include", "/usr/include/x86_64-linux-gnu"],
    defines: { _POSIX_C_SOURCE: "200809L" },
    preprocessOnly: false,
    optimize: 1,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.text).join("\n"));
  await Deno.writeFile(out, writeElfObject(assemble(r.asm, { fileName: src })));
}

/** Compiles C (or reads assembly) with denix cc against denix libc's headers and assembles it. */
async function denixLibcObject(path: string, includeDirs: string[] = []): Promise<Uint8Array> {
  const { compile } = await import("../../../../src/toolchain/cc/mod.ts");
  const { assemble, writeElfObject } = await import("../../../../src/toolchain/as/mod.ts");
  const { INCLUDE_DIR } = await import("../../../../src/toolchain/libc/mod.ts");
  let asm = await Deno.readTextFile(path);
  if (path.endsWith(".c")) {
    const r = compile(asm, { fileName: path, includeDirs, systemDirs: [INCLUDE_DIR] });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.text).join("\n"));
    asm = r.asm;
  }
  return writeElfObject(assemble(asm, { fileName: path }));
}

interface DenixLibc {
  crt0: Uint8Array;
  archive: Uint8Array;
  runtime: Uint8Array;
  tools: Uint8Array[];
}
let denixLibc: Promise<DenixLibc> | undefined;

/** Builds denix libc.a, crt0, the division runtime and our library objects with denix's toolchain. */
function buildDenixLibc(): Promise<DenixLibc> {
  denixLibc ??= (async () => {
    const { CRT0, SOURCES, libcPath } = await import("../../../../src/toolchain/libc/mod.ts");
    const { arCreate } = await import("../../../../src/toolchain/ld/mod.ts");
    const divdi3 =
      new URL("../../../../src/toolchain/cc/runtime/divdi3.c", import.meta.url).pathname;
    const members = [];
    for (const src of SOURCES) {
      members.push({
        name: src.replace(/\//g, "_") + ".o",
        bytes: await denixLibcObject(libcPath(src)),
      });
    }
    const tools = [];
    for (const src of libSources()) tools.push(await denixLibcObject(src, [LIB_SRC]));
    return {
      crt0: await denixLibcObject(libcPath(CRT0)),
      archive: arCreate(members),
      runtime: await denixLibcObject(divdi3),
      tools,
    };
  })();
  return denixLibc;
}

const denixLib = new Map<string, Promise<string>>();
const gccLib = new Map<string, Promise<string>>();

async function buildOne(name: string, compiler: Compiler): Promise<string> {
  outDir ??= await Deno.makeTempDir({ prefix: "denix-tools-" });
  await Deno.mkdir(`${outDir}/${compiler}`, { recursive: true });
  const out = `${outDir}/${compiler}/${name}`; /* basename = tool name, as in messages */
  if (compiler === "gcc") {
    const libs = await Promise.all(
      libSources().map((src) => {
        if (!gccLib.has(src)) {
          const o = `${outDir}/gcc-lib-${src.replace(/^.*\//, "")}.o`;
          gccLib.set(src, gcc([...CFLAGS, "-c", "-I", LIB_SRC, src, "-o", o]).then(() => o));
        }
        return gccLib.get(src)!;
      }),
    );
    await gcc([...CFLAGS, "-static", "-I", LIB_SRC, BIN_SRC + name + ".c", ...libs, "-o", out]);
    return out;
  }
  if (compiler === "denix-libc") {
    const { link } = await import("../../../../src/toolchain/ld/mod.ts");
    const lib = await buildDenixLibc();
    const exe = link([
      { name: "crt0.o", bytes: lib.crt0 },
      { name: `${name}.o`, bytes: await denixLibcObject(BIN_SRC + name + ".c", [LIB_SRC]) },
      ...lib.tools.map((bytes, i) => ({ name: `lib${i}.o`, bytes })),
      { name: "libc.a", bytes: lib.archive },
      { name: "divdi3.o", bytes: lib.runtime },
    ]);
    await Deno.writeFile(out, exe, { mode: 0o755 });
    return out;
  }
  const libs = await Promise.all(
    libSources().map((src) => {
      if (!denixLib.has(src)) {
        const o = `${outDir}/lib-${src.replace(/^.*\//, "")}.o`;
        denixLib.set(src, denixObject(src, o).then(() => o));
      }
      return denixLib.get(src)!;
    }),
  );
  await denixObject(BIN_SRC + name + ".c", `${outDir}/${name}.o`);
  await gcc(["-m32", "-static", `${outDir}/${name}.o`, ...libs, "-o", out]);
  return out;
}

/**
 * The toolchain for build() and compareAll() by default: gcc, unless
 * $DENIX_TOOLS_CC names another (e.g. DENIX_TOOLS_CC=denix-libc runs the
 * whole suite on tools built only by denix's own toolchain and libc).
 */
export const DEFAULT_COMPILER: Compiler = (() => {
  const v = Deno.env.get("DENIX_TOOLS_CC");
  return v === "denix" || v === "denix-libc" ? v : "gcc";
})();

/** Builds the named tools (once per process and compiler) and returns their paths. */
export async function build(...names: string[]): Promise<Record<string, string>> {
  return await buildWith(DEFAULT_COMPILER, names);
}

/** Builds the named tools with the given compiler. */
export async function buildWith(
  compiler: Compiler,
  names: string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const key = `${compiler}:${n}`;
    if (!built.has(key)) built.set(key, buildOne(n, compiler));
  }
  for (const n of names) out[n] = await built.get(`${compiler}:${n}`)!;
  return out;
}

/** The result of running one command. */
export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs argv in cwd with optional stdin and environment (TZ=UTC, LC_ALL=C always). */
export async function run(
  argv: string[],
  opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const cmd = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: opts.cwd ?? Deno.cwd(),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { TZ: "UTC", LC_ALL: "C", ...(opts.env ?? {}) },
  });
  const child = cmd.spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(opts.stdin ?? "")).catch(() => {});
  await w.close().catch(() => {});
  const r = await child.output();
  const dec = new TextDecoder();
  return { stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr), code: r.code };
}

/** One comparison: the tool's arguments, input and the files it sees. */
export interface Case {
  args: string[];
  stdin?: string;
  /** files to create first (path -> content); a trailing "/" makes a directory */
  files?: Record<string, string>;
  env?: Record<string, string>;
  /** also compare the directory tree afterwards (for tools that change files) */
  tree?: boolean;
  /** run through `sh -c` with $T replaced by the tool path (pipelines) */
  shell?: string;
  /** also compare stderr (without GNU's "Try '... --help'" hint lines) */
  stderr?: boolean;
}

/** Drops GNU's usage hint, the directory of the program name, and locale quotes. */
function normalizeStderr(s: string): string {
  return s.split("\n").filter((l) => !/^Try '.* --help' for more information\.$/.test(l))
    .map((l) => l.replace(/^\/\S*\/([^/\s:]+):/, "$1:")).join("\n").replace(/[\u2018\u2019]/g, "'");
}

/** Creates a fresh temporary directory populated with c.files. */
export async function populate(files: Record<string, string> = {}): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "denix-case-" });
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith("/")) await Deno.mkdir(`${dir}/${path}`, { recursive: true });
    else {
      const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
      if (parent) await Deno.mkdir(`${dir}/${parent}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, content);
    }
  }
  return dir;
}

/** Lists a tree as "path type mode size content" lines, sorted, for comparisons. */
export async function snapshot(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir + rel)) {
    const p = `${rel}/${e.name}`;
    const st = await Deno.lstat(dir + p);
    const mode = ((st.mode ?? 0) & 0o7777).toString(8);
    if (e.isSymlink) out.push(`${p} l ${await Deno.readLink(dir + p)}`);
    else if (e.isDirectory) {
      out.push(`${p} d ${mode}`);
      out.push(...await snapshot(dir, p));
    } else out.push(`${p} f ${mode} ${await Deno.readTextFile(dir + p)}`);
  }
  return out.sort();
}

/**
 * Runs our tool and the host's GNU tool on the same case in two identical
 * directories; asserts equal stdout and exit status (and tree if asked).
 */
export async function compare(ours: string, gnu: string, c: Case): Promise<void> {
  const results: Run[] = [];
  const trees: string[][] = [];
  for (const prog of [ours, gnu]) {
    const dir = await populate(c.files);
    const argv = c.shell ? ["sh", "-c", c.shell.replaceAll("$T", prog)] : [prog, ...c.args];
    results.push(await run(argv, { cwd: dir, stdin: c.stdin ?? "", env: c.env ?? {} }));
    if (c.tree) trees.push(await snapshot(dir));
    await Deno.remove(dir, { recursive: true });
  }
  const what = `${gnu} ${c.shell ?? JSON.stringify(c.args)}`;
  assertEquals(results[0].stdout, results[1].stdout, `stdout of ${what}`);
  assertEquals(results[0].code, results[1].code, `exit status of ${what}: ${results[0].stderr}`);
  if (c.tree) assertEquals(trees[0], trees[1], `tree after ${what}`);
  if (c.stderr) {
    const [a, b] = results.map((r) => normalizeStderr(r.stderr));
    assertEquals(a, b, `stderr of ${what}`);
  }
}

/** Compares every case of a table for one tool (built by gcc unless told otherwise). */
export async function compareAll(
  tool: string,
  cases: Case[],
  gnu = tool,
  compiler: Compiler = DEFAULT_COMPILER,
): Promise<void> {
  const bins = await buildWith(compiler, [tool]);
  for (const c of cases) await compare(bins[tool], gnu, c);
}
