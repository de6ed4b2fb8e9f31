/**
 * The strace-like trace: `[pid] name(args) = result`, driven by the syscall table's
 * argument kinds. Strings are read from user memory at entry and quoted (first 32
 * bytes); errors print as `-1 ENOENT`; unknown numbers are reported once.
 */
import { errnoName } from "../../abi/errno.ts";
import { syscallRow } from "../../abi/syscall_table.ts";
import type { Process } from "../proc/process.ts";

export class SyscallTracer {
  private readonly sink: (line: string) => void;
  private readonly reported = new Set<number>();

  constructor(sink: (line: string) => void) {
    this.sink = sink;
  }

  /** Formats the arguments at syscall entry. */
  enter(p: Process, nr: number, a: Int32Array): string {
    const row = syscallRow(nr);
    if (!row) return `syscall_${nr}(...)`;
    const parts: string[] = [];
    for (let i = 0; i < row.args.length; i++) {
      parts.push(formatArg(p, row.args[i], a[i], a[i + 1] ?? 0));
    }
    return `${row.name}(${parts.join(", ")})`;
  }

  /** Emits the line for a finished call. */
  exit(p: Process, nr: number, call: string, result: number, known: boolean): void {
    if (!known) {
      if (this.reported.has(nr)) return;
      this.reported.add(nr);
    }
    const res = result < 0 && result > -4096 ? `-1 ${errnoName(-result)}` : result.toString();
    this.sink(`[${p.pid}] ${call} = ${res}${known ? "" : " (not implemented; reported once)"}`);
  }
}

/** Quotes bytes like strace: printable ASCII as is, \n \t \\ \", others as \ooo octal. */
export function quoteBytes(b: Uint8Array, max = 32): string {
  let s = "";
  for (const c of b.subarray(0, max)) {
    if (c === 10) s += "\\n";
    else if (c === 9) s += "\\t";
    else if (c === 34 || c === 92) s += "\\" + String.fromCharCode(c);
    else if (c >= 32 && c < 127) s += String.fromCharCode(c);
    else s += "\\" + c.toString(8);
  }
  return `"${s}"${b.length > max ? "..." : ""}`;
}

function formatArg(p: Process, kind: string, v: number, next: number): string {
  switch (kind) {
    case "b": {
      const b = new Uint8Array(Math.min(next >>> 0, 33));
      return p.um.copyIn(v, b) < 0
        ? `0x${(v >>> 0).toString(16)}`
        : quoteBytes(b.subarray(0, Math.min(next >>> 0, 33)));
    }
    case "s": {
      if (v === 0) return "NULL";
      const s = p.um.copyInString(v, 4096);
      if (typeof s === "number") return `0x${(v >>> 0).toString(16)}`;
      const short = s.length > 32 ? s.slice(0, 32) + '"...' : s + '"';
      return `"${short.replace(/\n/g, "\\n")}`;
    }
    case "p":
      return v === 0 ? "NULL" : `0x${(v >>> 0).toString(16)}`;
    case "x":
      return `0x${(v >>> 0).toString(16)}`;
    case "o":
      return `0${(v >>> 0).toString(8)}`;
    case "u":
      return (v >>> 0).toString();
    default:
      return v.toString();
  }
}
