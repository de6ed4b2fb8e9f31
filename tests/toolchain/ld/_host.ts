/**
 * Host-tool helpers for the linker's oracle tests: tool detection (gcc -m32, GNU
 * binutils, native i386 execution), compiling fixtures, running executables and
 * checking that readelf/objdump accept our output silently.
 */

import assert from "node:assert/strict";

/** True if `cmd args` runs successfully. */
export function hasTool(cmd: string, args: string[] = ["--version"]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

/** GNU binutils used as oracles. */
export const hasBinutils: boolean = ["ld", "readelf", "objdump", "ar", "nm"].every((t) =>
  hasTool(t)
);

/** True if gcc compiles 32-bit objects. */
export const hasGcc32: boolean = (() => {
  if (!hasTool("gcc")) return false;
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/t.c`, "int f(void){return 1;}\n");
    const args = ["-m32", "-c", "-o", `${dir}/t.o`, `${dir}/t.c`];
    return new Deno.Command("gcc", { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
})();

/** True if this host runs static i386 Linux executables (a 6-byte exit(7) program). */
export const canRunI386: boolean = (() => {
  if (Deno.build.os !== "linux" || !["x86_64", "x86"].includes(Deno.build.arch)) return false;
  const dir = Deno.makeTempDirSync();
  try {
    const exe = `${dir}/t`;
    Deno.writeFileSync(exe, tinyExit7(), { mode: 0o755 });
    return new Deno.Command(exe, { stdout: "null", stderr: "null" }).outputSync().code === 7;
  } catch {
    return false;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
})();

/** A hand-made ELF: mov $1,%eax; mov $7,%ebx; int $0x80 (independent of the linker). */
function tinyExit7(): Uint8Array {
  const code = [0xb8, 1, 0, 0, 0, 0xbb, 7, 0, 0, 0, 0xcd, 0x80];
  const f = new Uint8Array(84 + code.length);
  const dv = new DataView(f.buffer);
  f.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  [[16, 2], [18, 3]].forEach(([o, v]) => dv.setUint16(o, v, true));
  [[20, 1], [24, 0x08048054], [28, 52]].forEach(([o, v]) => dv.setUint32(o, v, true));
  [[40, 52], [42, 32], [44, 1]].forEach(([o, v]) => dv.setUint16(o, v, true));
  const ph = [1, 0, 0x08048000, 0x08048000, f.length, f.length, 5, 0x1000];
  ph.forEach((v, i) => dv.setUint32(52 + 4 * i, v, true));
  f.set(code, 84);
  return f;
}

/** Result of running a program. */
export interface RunResult {
  readonly stdout: string;
  readonly code: number;
}

/** Runs a command; throws with its stderr if it fails to start or `check` and exit ≠ 0. */
export async function sh(
  cmd: string,
  args: string[],
  check = true,
): Promise<RunResult & { stderr: string }> {
  const r = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  const out = { stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr), code: r.code };
  if (check && r.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}):\n${out.stderr}`);
  }
  return out;
}

/** Runs an executable with no arguments. */
export async function runExe(path: string): Promise<RunResult> {
  const r = await sh(path, [], false);
  return { stdout: r.stdout, code: r.code };
}

/** The fixtures directory. */
export const FIXTURES: string = new URL("../../fixtures/ld/", import.meta.url).pathname;

/** Code model of a gcc-compiled fixture. */
export type Model = "-fno-pic" | "-fpie" | "-fPIC";

/** gcc flags for freestanding fixture objects. */
export function cflags(model: Model): string[] {
  return [
    "-m32",
    model,
    "-O1",
    "-ffreestanding",
    "-fno-builtin",
    "-nostdlib",
    "-fno-asynchronous-unwind-tables",
    "-fno-stack-protector",
    "-fcommon",
  ];
}

/** Compiles fixture `name`.c to an object in `dir`; returns its path. */
export async function compile(dir: string, name: string, model: Model): Promise<string> {
  const o = `${dir}/${name}${model}.o`;
  await sh("gcc", [...cflags(model), "-c", "-o", o, `${FIXTURES}${name}.c`]);
  return o;
}

/** Asserts `readelf -a` and `objdump -d` read `exe` without warnings or errors. */
export async function assertToolsAccept(exe: string): Promise<void> {
  for (const [cmd, args] of [["readelf", ["-a", "-W", exe]], ["objdump", ["-d", exe]]] as const) {
    const r = await sh(cmd, [...args], false);
    assert.equal(r.code, 0, `${cmd} failed on ${exe}`);
    assert.equal(r.stderr, "", `${cmd} complained about ${exe}`);
  }
}

/** Creates a temporary directory, runs `fn`, removes the directory. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "denix-ld-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * True if every condition holds; otherwise prints one line naming the skipped tests
 * and what is missing, e.g. "ld gcc oracle tests skipped: no gcc -m32".
 */
export function requires(tests: string, conds: Record<string, boolean>): boolean {
  const missing = Object.entries(conds).filter(([, ok]) => !ok).map(([what]) => what);
  if (missing.length) console.log(`${tests} skipped: ${missing.join(", ")}`);
  return missing.length === 0;
}
