/**
 * CPU faults from user code: page faults are resolved (demand paging, COW, stack
 * growth) or become SIGSEGV; other exceptions become the signal Linux sends, with the
 * si_code and si_addr Linux reports.
 *
 * | vector | signal | si_code | si_addr |
 * | #PF unmapped / forbidden | SIGSEGV | SEGV_MAPERR / SEGV_ACCERR | CR2 |
 * | #PF on the kernel half | SIGSEGV | SEGV_MAPERR (as Linux) | CR2 |
 * | #PF past the end of a mapped file | SIGBUS | BUS_ADRERR | CR2 |
 * | #PF out of memory | OOM killer, retry (or SIGKILL) | | |
 * | #DE | SIGFPE | FPE_INTDIV | eip |
 * | #UD, #NM (x87 not emulated) | SIGILL | ILL_ILLOPN | eip |
 * | #BP (int3), #DB | SIGTRAP | SI_KERNEL / TRAP_BRKPT | 0 |
 * | #GP, #SS, #NP, others | SIGSEGV | SI_KERNEL | 0 |
 * | #AC | SIGBUS | BUS_ADRALN | eip |
 */
import { SiCode, Sig } from "../../abi/signals.ts";
import { PfError, type Trap, Vector } from "../../machine/trap.ts";
import { FaultResult } from "../mm/address_space.ts";
import { KERNEL_BASE } from "../mm/page_table.ts";
import type { Kernel } from "../kernel.ts";
import type { Process } from "./process.ts";
import { forceSignal } from "./signal.ts";

export function handleFault(k: Kernel, p: Process, t: Trap): void {
  if (t.vector === Vector.PF) return pageFault(k, p, t);
  const eip = t.eip >>> 0;
  switch (t.vector) {
    case Vector.DE:
      return forceSignal(k, p, Sig.SIGFPE, SiCode.FPE_INTDIV, eip);
    case Vector.UD:
      return forceSignal(k, p, Sig.SIGILL, SiCode.ILL_ILLOPN, eip);
    case Vector.NM:
      k.log(
        `denix: pid ${p.pid} (${p.comm}): x87 instruction at 0x${eip.toString(16)} not emulated`,
      );
      return forceSignal(k, p, Sig.SIGILL, SiCode.ILL_ILLOPN, eip);
    case Vector.BP:
      return forceSignal(k, p, Sig.SIGTRAP, SiCode.KERNEL, 0);
    case Vector.DB:
      return forceSignal(k, p, Sig.SIGTRAP, SiCode.TRAP_BRKPT, 0);
    case Vector.AC:
      return forceSignal(k, p, Sig.SIGBUS, 1, eip);
    default:
      return forceSignal(k, p, Sig.SIGSEGV, SiCode.KERNEL, 0);
  }
}

function pageFault(k: Kernel, p: Process, t: Trap): void {
  const va = t.cr2 >>> 0;
  if (va >= KERNEL_BASE) return forceSignal(k, p, Sig.SIGSEGV, SiCode.SEGV_MAPERR, va);
  for (;;) {
    const r = p.as.fault(va, (t.errorCode & PfError.Write) !== 0);
    if (r === FaultResult.Ok) {
      p.minflt++;
      return;
    }
    if (r === FaultResult.NoMem) {
      if (k.oom(p)) continue;
      return;
    }
    if (r === FaultResult.BusErr) return forceSignal(k, p, Sig.SIGBUS, SiCode.BUS_ADRERR, va);
    const code = r === FaultResult.MapErr ? SiCode.SEGV_MAPERR : SiCode.SEGV_ACCERR;
    return forceSignal(k, p, Sig.SIGSEGV, code, va);
  }
}
