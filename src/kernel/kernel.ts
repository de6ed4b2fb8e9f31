/**
 * The kernel: owns the machine (RAM, CPU, MMU), the process table, the VFS and the
 * run loop that turns traps into system calls, page faults and signals.
 *
 * Contract:
 * - `spawnInit(path, argv, envp)` creates pid 1 from an executable; `run()` schedules
 *   processes until pid 1 has exited and resolves to its wait status.
 * - Round-robin preemptive scheduling: each process runs at most SLICE instructions per
 *   turn (the CPU budget is the timer). When nothing is runnable the host sleeps until
 *   the earliest timed wakeup or until a host event (input) calls `kick()`.
 * - Guest input never raises a host exception: every trap ends in a result in eax, a
 *   resolved fault, or a signal. A host exception escaping `run` is a kernel bug.
 */
import { Sig } from "../abi/signals.ts";
import { Cpu } from "../machine/cpu/cpu.ts";
import { PhysicalMemory } from "../machine/memory.ts";
import { TrapKind } from "../machine/trap.ts";
import { Frames } from "./mm/frames.ts";
import { ROOT_CRED, Vfs } from "./fs/vfs.ts";
import type { Inode } from "./fs/inode.ts";
import { Tmpfs } from "./fs/tmpfs.ts";
import type { TerminalPort } from "./fs/terminal.ts";
import { type Process, State } from "./proc/process.ts";
import { handleFault } from "./proc/faults.ts";
import { deliverSignals, sendSignal } from "./proc/signal.ts";
import { exitProcess } from "./proc/lifecycle.ts";
import { dispatch } from "./syscalls/dispatch.ts";
import { SyscallTracer } from "./syscalls/trace.ts";

/** Instructions per time slice. */
export const SLICE = 200_000;
/** Yield to the host event loop at least this often (ms) while host input is awaited... */
const YIELD_MS = 25;
/** ...and otherwise (only host signals and timers of other code need the loop). */
const YIELD_IDLE_MS = 250;

export interface KernelOptions {
  /** Guest RAM in bytes (default 128 MiB). */
  memBytes?: number;
  /** The host's standard streams. */
  port: TerminalPort;
  /** Console messages (OOM reports, exec failures): one line each. */
  log?: (line: string) => void;
  /** Syscall trace sink (enables `--trace=syscalls`). */
  trace?: (line: string) => void;
  /**
   * When every process sleeps with no timer and no host input pending: "hang" like
   * Linux (the CLI), or "kill" everything with a console message (tests; the default).
   */
  onDeadlock?: "hang" | "kill";
}

export class Kernel {
  readonly mem: PhysicalMemory;
  readonly cpu: Cpu;
  readonly fr: Frames;
  readonly vfs: Vfs;
  readonly rootFs: Tmpfs;
  readonly port: TerminalPort;
  readonly log: (line: string) => void;
  readonly tracer: SyscallTracer | null;
  readonly procs = new Map<number, Process>();
  readonly bootTime = Date.now();
  init: Process | null = null;
  readonly onDeadlock: "hang" | "kill";
  /** The process whose registers are in the CPU. */
  loaded: Process | null = null;
  private readonly runQueue: Process[] = [];
  private nextPid = 1;
  private kickHost: (() => void) | null = null;
  private lastYield = performance.now();
  private channel: MessageChannel | null = null;
  private readonly exitHooks: (() => void)[] = [];
  private readonly tlb = {
    flush: () => this.cpu.mmu.flushTlb(),
    invlpg: (va: number) => this.cpu.mmu.invlpg(va),
  };

  constructor(opts: KernelOptions) {
    this.mem = new PhysicalMemory(opts.memBytes ?? 128 << 20);
    this.cpu = new Cpu(this.mem);
    this.cpu.mmu.setPse(true);
    this.fr = new Frames(this.mem);
    this.rootFs = new Tmpfs(this.fr);
    this.vfs = new Vfs(this.rootFs.root);
    this.port = opts.port;
    this.log = opts.log ?? ((l) => console.error(l));
    this.tracer = opts.trace ? new SyscallTracer(opts.trace) : null;
    this.onDeadlock = opts.onDeadlock ?? "kill";
  }

  /** Milliseconds on the monotonic clock. */
  now(): number {
    return performance.now();
  }

  /** A fresh pid. */
  allocPid(): number {
    while (this.procs.has(this.nextPid)) this.nextPid++;
    return this.nextPid++;
  }

  /** Registers a new process and makes it runnable. */
  addProcess(p: Process): void {
    this.procs.set(p.pid, p);
    p.onWake = (q) => this.enqueue(q);
    p.um.oom = () => this.oom(p);
    if (p.state === State.Runnable) this.enqueue(p);
  }

  /** Puts a runnable process on the run queue and wakes the host if idle. */
  enqueue(p: Process): void {
    if (!this.runQueue.includes(p)) this.runQueue.push(p);
    this.kick();
  }

  /** Wakes the run loop from an idle sleep (host input arrived, a timer fired). */
  kick(): void {
    this.kickHost?.();
  }

  /** Mounts a file system root at an absolute path, creating the directories on the way. */
  mountAt(path: string, root: Inode): number {
    let at = "";
    for (const part of path.split("/").filter((x) => x)) {
      at += "/" + part;
      if (typeof this.vfs.resolve(this.vfs.root, at, ROOT_CRED) !== "number") continue;
      const parent = this.vfs.resolve(
        this.vfs.root,
        at.slice(0, at.lastIndexOf("/")) || "/",
        ROOT_CRED,
      );
      if (typeof parent === "number") return parent;
      const made = parent.inode.mkdir(part, 0o755, { uid: 0, gid: 0 });
      if (typeof made === "number") return made;
      this.vfs.forget(parent, part);
    }
    return this.vfs.mount(path, root);
  }

  /** Runs until pid 1 exits; resolves to its wait status. */
  async run(): Promise<number> {
    const init = this.init;
    if (!init) throw new Error("no init process");
    while (init.state !== State.Zombie) {
      this.fireTimers();
      const p = this.runQueue.shift();
      if (!p) {
        await this.idle();
        continue;
      }
      if (p.state !== State.Runnable) continue;
      this.runSlice(p);
      if (p.state === State.Runnable) this.runQueue.push(p);
      const every = this.port.inputPending() ? YIELD_MS : YIELD_IDLE_MS;
      if (this.now() - this.lastYield > every) await this.yieldToHost();
    }
    this.closeChannel();
    for (const hook of this.exitHooks.splice(0)) hook();
    return init.exitStatus;
  }

  /** Sends `sig` to every process in pid 1's process group (host ^C and the like). */
  signalForeground(sig: number): void {
    const pgid = this.init?.pgid;
    for (const p of this.procs.values()) {
      if (p.pgid === pgid && p.state !== State.Zombie) sendSignal(this, p, sig);
    }
    this.kick();
  }

  /** Runs `hook` when `run` finishes (host adapters release files there). */
  atExit(hook: () => void): void {
    this.exitHooks.push(hook);
  }

  /** Loads `p` into the CPU (registers, TLS table, CR3). */
  switchTo(p: Process): void {
    if (this.loaded === p) return;
    const old = this.loaded;
    if (old && old.state !== State.Zombie) this.cpu.saveState(old.cpu);
    if (old) old.as.tlb = null;
    this.cpu.restoreState(p.cpu);
    this.cpu.mmu.loadCr3(p.as.pd);
    p.as.tlb = this.tlb;
    this.loaded = p;
  }

  /** Forgets the loaded process (its state is stale: exit or exec replaced it). */
  unload(p: Process): void {
    if (this.loaded === p) {
      p.as.tlb = null;
      this.loaded = null;
    }
  }

  /** Runs `p` for one time slice. */
  private runSlice(p: Process): void {
    this.switchTo(p);
    let budget = SLICE;
    const t0 = this.now();
    while (budget > 0 && p.state === State.Runnable && this.loaded === p) {
      if (p.pending !== 0n) {
        deliverSignals(this, p);
        if (p.state !== State.Runnable || this.loaded !== p) break;
      }
      const trap = this.cpu.run(budget);
      budget -= trap.executed + 1;
      if (trap.kind === TrapKind.Syscall) dispatch(this, p);
      else if (trap.kind === TrapKind.Fault) handleFault(this, p, trap);
      else if (trap.kind === TrapKind.Budget) break;
    }
    p.utime += this.now() - t0;
    if (this.loaded === p && p.state !== State.Zombie) this.cpu.saveState(p.cpu);
  }

  /** Wakes processes whose timed sleep is due. */
  private fireTimers(): void {
    const now = this.now();
    for (const p of this.procs.values()) {
      if (p.state === State.Sleeping && p.wakeAt > 0 && p.wakeAt <= now) p.wake();
      if (p.alarmAt > 0 && p.alarmAt <= now && p.state !== State.Zombie) {
        p.alarmAt = p.alarmInterval > 0 ? now + p.alarmInterval : 0;
        sendSignal(this, p, Sig.SIGALRM);
      }
    }
  }

  /** Sleeps the host until the next timer or a kick. */
  private idle(): Promise<void> {
    let next = Infinity;
    for (const p of this.procs.values()) {
      if (p.state === State.Sleeping && p.wakeAt > 0) next = Math.min(next, p.wakeAt);
      if (p.alarmAt > 0 && p.state !== State.Zombie) next = Math.min(next, p.alarmAt);
    }
    if (next === Infinity && !this.port.inputPending() && this.onDeadlock === "kill") {
      this.log(
        "denix: deadlock: every process sleeps with no timer or input pending; killing them",
      );
      for (const p of this.procs.values()) exitProcess(this, p, Sig.SIGKILL);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.kickHost = null;
        this.lastYield = this.now();
        resolve();
      };
      // With nothing to wait for, a long timer keeps the host alive: the guest hangs, as
      // it would on Linux, until the user interrupts denix.
      const wait = next === Infinity ? 3_600_000 : Math.max(0, next - this.now());
      const timer = setTimeout(done, wait);
      this.kickHost = done;
    });
  }

  /**
   * Lets the host event loop run (input, timers). A MessageChannel round trip is a
   * macrotask without the 4 ms clamp nested setTimeout(0) calls get.
   */
  private yieldToHost(): Promise<void> {
    const ch = this.channel ??= new MessageChannel();
    return new Promise((resolve) => {
      ch.port1.onmessage = () => {
        this.lastYield = this.now();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }

  /** Releases host resources held by the run loop. */
  private closeChannel(): void {
    this.channel?.port1.close();
    this.channel?.port2.close();
    this.channel = null;
  }

  /**
   * Out of memory: first drops unused page-cache frames; else kills the process holding
   * the most private frames (pid 1 only when nothing else holds memory) with SIGKILL
   * and reports it on the console. Returns true when memory was freed for `requester`
   * (retry), false when the requester itself was chosen (it dies on its way back to
   * user mode).
   */
  oom(requester: Process): boolean {
    if (this.fr.pageCache.shrink() > 0) return true;
    let victim: Process | null = null;
    let most = -Infinity;
    for (const p of this.procs.values()) {
      if (p.state === State.Zombie || p.pending & SIGKILL_BIT) continue;
      const n = p.as.privateFrames() - (p === this.init ? 1e9 : 0);
      if (n > most) [victim, most] = [p, n];
    }
    if (!victim) return false;
    const kib = victim.as.privateFrames() * 4;
    this.log(`denix: out of memory: killed process ${victim.pid} (${victim.comm}), ${kib} KiB`);
    if (victim === requester) {
      victim.pending |= SIGKILL_BIT;
      return false;
    }
    exitProcess(this, victim, Sig.SIGKILL);
    return true;
  }
}

const SIGKILL_BIT = 1n << BigInt(Sig.SIGKILL - 1);
