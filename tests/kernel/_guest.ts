/**
 * Test helper: compiles C fixtures with `gcc -m32 -static`, runs them natively and
 * under denix (in-process, through the same bootHost the CLI uses) and returns what
 * each printed. Suites skip when the compiler is missing.
 */
import { bootHost } from "../../src/cli/exec.ts";
import { Hostfs } from "../../src/host/hostfs.ts";
import { HostStdio, type HostStreams } from "../../src/host/stdio.ts";
import type { Kernel } from "../../src/kernel/kernel.ts";

const FIXTURES = new URL("../fixtures/kernel/", import.meta.url).pathname;

function probeGcc(): boolean {
  try {
    const dir = Deno.makeTempDirSync();
    Deno.writeTextFileSync(`${dir}/t.c`, "int main(void){return 0;}");
    const r = new Deno.Command("gcc", {
      args: ["-m32", "-static", "-o", `${dir}/t`, `${dir}/t.c`],
      stderr: "null",
    }).outputSync();
    Deno.removeSync(dir, { recursive: true });
    return r.success;
  } catch {
    return false;
  }
}

/** Is `gcc -m32 -static` usable here? */
export const HAS_GCC32 = probeGcc();
/** One-line reason printed when skipping. */
export const NO_GCC = "gcc -m32 -static (gcc-multilib) not available";

/**
 * A musl i386 sysroot (DENIX_MUSL_SYSROOT, else /usr when musl-dev:i386 is installed):
 * `lib/i386-linux-musl/{crt1.o,crti.o,crtn.o,libc.a}` and `include/i386-linux-musl`.
 * On Debian, musl-dev:i386 conflicts with gcc-multilib; `apt-get download musl-dev:i386`
 * and `dpkg -x` into a directory gives a sysroot without installing it.
 */
function findMusl(): string | null {
  const env = Deno.env.get("DENIX_MUSL_SYSROOT");
  for (const root of env ? [env] : ["/usr"]) {
    try {
      Deno.statSync(`${root}/lib/i386-linux-musl/libc.a`);
      return root;
    } catch { /* not there */ }
  }
  return null;
}

/** The musl sysroot, or null (musl suites skip). */
export const MUSL_SYSROOT: string | null = HAS_GCC32 ? findMusl() : null;
/** One-line reason printed when skipping musl programs. */
export const NO_MUSL = "no i386 musl sysroot (DENIX_MUSL_SYSROOT or musl-dev:i386)";

/** Which C library (and link mode) to build with. */
export type Libc = "glibc" | "glibc-pie" | "glibc-dynamic" | "musl";

const GLIBC_FLAGS: Record<string, string[]> = {
  "glibc": ["-static"],
  "glibc-pie": ["-static-pie", "-fPIE"],
  "glibc-dynamic": [],
};

function gccOutput(args: string[]): string {
  const r = new Deno.Command("gcc", { args }).outputSync();
  return new TextDecoder().decode(r.stdout).trim();
}

/** gcc arguments that link against musl instead of glibc. */
function muslArgs(root: string, src: string, out: string): string[] {
  const lib = `${root}/lib/i386-linux-musl`;
  return [
    "-m32",
    "-static",
    "-O1",
    "-w",
    "-nostdinc",
    "-nostdlib",
    "-isystem",
    `${root}/include/i386-linux-musl`,
    "-isystem",
    gccOutput(["-m32", "-print-file-name=include"]),
    "-o",
    out,
    `${lib}/crt1.o`,
    `${lib}/crti.o`,
    src,
    `${lib}/libc.a`,
    gccOutput(["-m32", "-print-libgcc-file-name"]),
    `${lib}/crtn.o`,
  ];
}

const workDir = Deno.makeTempDirSync({ prefix: "denix_kernel_test_" });
globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(workDir, { recursive: true });
  } catch { /* already gone */ }
});
const built = new Map<string, string>();

/** Compiles tests/fixtures/kernel/NAME.c once; returns the executable's path. */
export function compile(name: string, libc: Libc = "glibc"): string {
  const key = `${name}.${libc}`;
  const have = built.get(key);
  if (have) return have;
  const out = `${workDir}/${key}`;
  const src = `${FIXTURES}${name}.c`;
  const args = libc === "musl"
    ? muslArgs(MUSL_SYSROOT!, src, out)
    : ["-m32", ...GLIBC_FLAGS[libc], "-O1", "-w", "-o", out, src];
  const r = new Deno.Command("gcc", { args }).outputSync();
  if (!r.success) throw new Error(new TextDecoder().decode(r.stderr));
  built.set(key, out);
  return out;
}

/** Copies a host file into the work directory (visible to guests); returns the new path. */
export function stage(path: string): string {
  const out = `${workDir}/${path.slice(path.lastIndexOf("/") + 1)}`;
  Deno.copyFileSync(path, out);
  Deno.chmodSync(out, 0o755);
  return out;
}

/** What a run printed and how it ended (exit code, or 128 + signal). */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

const ENV = { PATH: "/usr/bin:/bin", LANG: "C", DENIX_TEST_VAR: "from-test" };

/** Runs `exe args` natively with cwd = the work directory. */
export async function runNative(exe: string, args: string[] = [], stdin = ""): Promise<RunResult> {
  const child = new Deno.Command(exe, {
    args,
    cwd: workDir,
    env: ENV,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const r = await child.output();
  const dec = new TextDecoder();
  return {
    stdout: dec.decode(r.stdout),
    stderr: dec.decode(r.stderr),
    code: r.signal ? 128 + signalNumber(r.signal) : r.code,
  };
}

function signalNumber(name: string): number {
  return { SIGSEGV: 11, SIGKILL: 9, SIGTERM: 15, SIGABRT: 6, SIGFPE: 8, SIGILL: 4 }[name] ?? 0;
}

/** Options for runDenix. */
export interface DenixRunOptions {
  stdin?: string;
  mem?: number;
  trace?: boolean;
  /** Called once the kernel is booted, before it runs (to inspect machine state). */
  onBoot?: (k: Kernel) => void;
  /** Receives every syscall trace line, with the kernel, while the guest runs. */
  onTrace?: (line: string, k: Kernel) => void;
}

/** Captured host streams: stdin from a string, stdout/stderr into buffers. */
class Capture implements HostStreams {
  out: Uint8Array[] = [];
  err: Uint8Array[] = [];
  private input: Uint8Array | null;
  stdin;
  stdout;
  stderr;
  constructor(input: string) {
    this.input = new TextEncoder().encode(input);
    const sink = (list: Uint8Array[]) => ({
      writeSync: (b: Uint8Array) => (list.push(b.slice()), b.length),
      isTerminal: () => false,
    });
    this.stdout = sink(this.out);
    this.stderr = sink(this.err);
    this.stdin = {
      read: (b: Uint8Array) => {
        const data = this.input;
        this.input = null;
        if (!data || data.length === 0) return Promise.resolve(null);
        b.set(data.subarray(0, b.length));
        if (data.length > b.length) this.input = data.subarray(b.length);
        return Promise.resolve(Math.min(b.length, data.length));
      },
      isTerminal: () => false,
    };
  }
}

function joined(parts: Uint8Array[]): string {
  return parts.map((p) => new TextDecoder().decode(p)).join("");
}

/** Runs `exe args` under denix in this process. */
export async function runDenix(
  exe: string,
  args: string[] = [],
  opts: DenixRunOptions = {},
): Promise<RunResult & { kernel: Kernel }> {
  const cap = new Capture(opts.stdin ?? "");
  const stdio = new HostStdio(cap);
  let kernel: Kernel | null = null;
  const log = (line: string) => {
    if (opts.onTrace && /^\[\d+\] /.test(line)) opts.onTrace(line, kernel!);
    else cap.err.push(new TextEncoder().encode(line + "\n"));
  };
  const k = bootHost({
    program: exe,
    file: new Hostfs(exe).root,
    argv: [exe, ...args],
    env: ENV,
    cwd: workDir,
    mem: opts.mem ?? 128 << 20,
    stdio,
    log,
    trace: opts.trace ?? opts.onTrace !== undefined,
  });
  if (typeof k === "number") throw new Error(`boot failed: ${k}`);
  kernel = k;
  opts.onBoot?.(k);
  const status = await k.run();
  const sig = status & 0x7f;
  return {
    stdout: joined(cap.out),
    stderr: joined(cap.err),
    code: sig ? 128 + sig : status >> 8,
    kernel: k,
  };
}
