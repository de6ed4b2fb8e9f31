/**
 * System-call dispatch: eax selects a row of the ABI table, the handler of that name
 * runs with the six argument registers, and its result lands in eax (see handler.ts
 * for BLOCK and NO_RETURN). Numbers without a handler return -ENOSYS.
 *
 * Contract: the handler table and the ABI table agree (tests check that every
 * Supported/Partial row has a handler and every handler has a row); a write that fails
 * with EPIPE also raises SIGPIPE, as Linux does.
 */
import { Errno } from "../../abi/errno.ts";
import { NR_SYSCALLS, SYSCALLS, SyscallStatus } from "../../abi/syscall_table.ts";
import { Sig } from "../../abi/signals.ts";
import { Reg } from "../../machine/cpu/regs.ts";
import type { Kernel } from "../kernel.ts";
import { type Process, State } from "../proc/process.ts";
import { sendSignal } from "../proc/signal.ts";
import { BLOCK } from "../proc/wait_queue.ts";
import { type Handler, type HandlerTable, NO_RETURN } from "./handler.ts";
import { PROC_HANDLERS } from "./sys_proc.ts";
import { MM_HANDLERS } from "./sys_mm.ts";
import { RW_HANDLERS } from "./sys_rw.ts";
import { FS_HANDLERS } from "./sys_fs.ts";
import { SIGNAL_HANDLERS } from "./sys_signal.ts";
import { TIME_HANDLERS } from "./sys_time.ts";
import { INFO_HANDLERS } from "./sys_info.ts";

/** Every handler, by syscall name. */
export const HANDLERS: HandlerTable = {
  ...PROC_HANDLERS,
  ...MM_HANDLERS,
  ...RW_HANDLERS,
  ...FS_HANDLERS,
  ...SIGNAL_HANDLERS,
  ...TIME_HANDLERS,
  ...INFO_HANDLERS,
};

const TABLE: (Handler | undefined)[] = new Array(NR_SYSCALLS);
for (const row of SYSCALLS) {
  if (row.status !== SyscallStatus.Unsupported) TABLE[row.nr] = HANDLERS[row.name];
}

const args = new Int32Array(6);
const EPIPE_CALLS = new Set([4, 146, 181]);

/** Handles the `int 0x80` the loaded process `p` just executed. */
export function dispatch(k: Kernel, p: Process): void {
  const r = k.cpu.regs;
  const nr = r[Reg.EAX] >>> 0;
  args[0] = r[Reg.EBX];
  args[1] = r[Reg.ECX];
  args[2] = r[Reg.EDX];
  args[3] = r[Reg.ESI];
  args[4] = r[Reg.EDI];
  args[5] = r[Reg.EBP];
  p.inSyscall = false;
  const h = nr < NR_SYSCALLS ? TABLE[nr] : undefined;
  const call = k.tracer ? k.tracer.enter(p, nr, args) : "";
  const result = h ? h(k, p, args) : -Errno.ENOSYS;
  if (result === BLOCK) return block(k, p);
  if (p.state === State.Zombie || k.loaded !== p) {
    k.tracer?.exit(p, nr, call, 0, true);
    return;
  }
  if (result !== NO_RETURN) r[Reg.EAX] = result;
  k.tracer?.exit(p, nr, call, result === NO_RETURN ? r[Reg.EAX] : result, h !== undefined);
  if (result === -Errno.EPIPE && EPIPE_CALLS.has(nr)) sendSignal(k, p, Sig.SIGPIPE);
}

/** The call sleeps: rewind to the int 0x80 so it reruns when woken. */
function block(k: Kernel, p: Process): void {
  k.cpu.eip = (k.cpu.eip - 2) | 0;
  p.inSyscall = true;
  if (p.deliverable !== 0n && !p.vforkChild) p.wake();
}
