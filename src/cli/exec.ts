/**
 * `denix exec [--mem SIZE] [--trace=syscalls] PROGRAM [ARGS...]`: runs a static i386
 * Linux executable from the host in a fresh machine, like `qemu-i386 PROGRAM`.
 *
 * The guest sees a tmpfs root with /dev and /tmp, and the host's current directory
 * (read-write, through hostfs) at the same absolute path, which is its working
 * directory. Standard streams are the host's; the environment is the host's. The exit
 * status is the program's, or 128 + signal with a one-line report on stderr.
 */
import { parseArgs } from "node:util";
import { errnoName } from "../abi/errno.ts";
import { signalName } from "../abi/signals.ts";
import { bootExec } from "../kernel/boot.ts";
import type { Kernel } from "../kernel/kernel.ts";
import type { ExecFile } from "../kernel/proc/exec.ts";
import { Hostfs, HostInode } from "../host/hostfs.ts";
import { HostStdio } from "../host/stdio.ts";
import { forwardHostSignals } from "../host/signals.ts";

const SIGPIPE = 13;
const SIGINT = 2;
const USAGE = "usage: denix exec [--mem SIZE] [--trace=syscalls] PROGRAM [ARGS...]";

/** Parses "128M", "64MiB", "1G", "65536" into bytes; NaN when malformed. */
export function parseSize(s: string): number {
  const m = /^(\d+)\s*([kKmMgG]?)(i?[bB])?$/.exec(s.trim());
  if (!m) return NaN;
  const unit = { "": 1, k: 1024, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase()] ?? NaN;
  return Number(m[1]) * unit;
}

/** Splits argv into exec's own options and the guest command line. */
function splitArgs(args: string[]): { opts: string[]; guest: string[] } {
  let i = 0;
  while (i < args.length && args[i].startsWith("-")) {
    if (args[i] === "--") return { opts: args.slice(0, i), guest: args.slice(i + 1) };
    i += args[i] === "--mem" ? 2 : 1;
  }
  return { opts: args.slice(0, i), guest: args.slice(i) };
}

/** What `bootHost` needs: the program and the host resources to connect. */
export interface HostExecOptions {
  program: string;
  file: ExecFile;
  argv: string[];
  env: Record<string, string>;
  /** Host directory mounted at the same path and used as the working directory. */
  cwd: string;
  mem: number;
  stdio: HostStdio;
  log: (line: string) => void;
  trace: boolean;
  /** See KernelOptions.onDeadlock (the CLI hangs like Linux; tests kill). */
  onDeadlock?: "hang" | "kill";
}

/** Boots a kernel for one host program (also used by tests); the kernel or -errno. */
export function bootHost(o: HostExecOptions): Kernel | number {
  const host = new Hostfs(o.cwd);
  const k = bootExec({
    memBytes: o.mem,
    port: o.stdio,
    onDeadlock: o.onDeadlock ?? "kill",
    log: o.log,
    ...(o.trace ? { trace: o.log } : {}),
    program: o.file,
    argv: o.argv,
    envp: Object.entries(o.env).map(([key, v]) => `${key}=${v}`),
    execfn: o.program,
    cwd: o.cwd,
    hostDir: host.root,
    uid: Deno.uid() ?? 0,
    gid: Deno.gid() ?? 0,
  });
  const release = () => {
    host.close();
    if (o.file instanceof HostInode) o.file.fs.close();
  };
  if (typeof k === "number") {
    release();
    return k;
  }
  o.stdio.onInput = () => k.kick();
  k.atExit(release);
  return k;
}

/** Parsed `denix exec` options, or the exit status to return at once (help, usage errors). */
function parseExecArgs(args: string[]): { mem: number; trace: boolean; guest: string[] } | number {
  const { opts, guest } = splitArgs(args);
  let values;
  try {
    values = parseArgs({
      args: opts,
      options: {
        mem: { type: "string" },
        trace: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`denix exec: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || guest.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const mem = values.mem ? parseSize(values.mem) : 128 << 20;
  if (!(mem >= 4 << 20 && mem <= 1 << 30)) {
    console.error(`denix exec: --mem must be between 4M and 1G, got ${values.mem}`);
    return 2;
  }
  if (values.trace !== undefined && values.trace !== "syscalls") {
    console.error(`denix exec: unknown trace '${values.trace}' (supported: syscalls)`);
    return 2;
  }
  return { mem, trace: values.trace !== undefined, guest };
}

/** The exit status for a wait status, reporting death by signal on stderr. */
function exitStatus(program: string, status: number): number {
  const sig = status & 0x7f;
  if (sig === 0) return (status >> 8) & 0xff;
  const core = status & 0x80 ? " (core dumped)" : "";
  // Like shells, stay quiet about SIGPIPE (how pipelines normally end: yes | head) and
  // SIGINT (the user pressed ^C and knows).
  if (sig !== SIGPIPE && sig !== SIGINT) {
    console.error(`denix exec: ${program}: terminated by ${signalName(sig)}${core}`);
  }
  return 128 + sig;
}

/** Runs `denix exec`; resolves to the exit status. */
export async function execMain(args: string[]): Promise<number> {
  const parsed = parseExecArgs(args);
  if (typeof parsed === "number") return parsed;
  const program = parsed.guest[0];
  let file;
  try {
    file = new Hostfs(program).root;
  } catch {
    console.error(`denix exec: ${program}: no such file`);
    return 127;
  }
  const stdio = new HostStdio();
  const log = (line: string) => stdio.write(2, new TextEncoder().encode(line + "\n"));
  const k = bootHost({
    program,
    file,
    argv: parsed.guest,
    env: Deno.env.toObject(),
    cwd: Deno.cwd(),
    mem: parsed.mem,
    stdio,
    log,
    trace: parsed.trace,
    onDeadlock: "hang",
  });
  if (typeof k === "number") {
    console.error(`denix exec: ${program}: cannot execute (${errnoName(-k)})`);
    return 126;
  }
  const unforward = forwardHostSignals((sig) => k.signalForeground(sig));
  try {
    return exitStatus(program, await k.run());
  } finally {
    unforward();
  }
}
