/**
 * execve: resolve the file, run `#!` scripts through their interpreter, load static
 * ELF32 i386 executables (ET_EXEC and static-pie ET_DYN), refuse dynamically linked
 * ones (PT_INTERP) with ENOEXEC and a console message, and replace the process image.
 *
 * Contract: on failure the caller's image is untouched and the errno returned
 * (ENOENT, EACCES, ENOEXEC, E2BIG, EFAULT, ELOOP for nested scripts, ENOMEM). On
 * success: close-on-exec fds closed, handled signals reset to SIG_DFL, the alternate
 * signal stack dropped, TLS entries cleared, a vfork parent released, registers zeroed
 * with eip = entry and esp = the new stack (Linux's i386 ELF_PLAT_INIT).
 */
import { Errno } from "../../abi/errno.ts";
import { CpuState } from "../../machine/cpu/cpu.ts";
import { Seg, Selector } from "../../machine/cpu/regs.ts";
import type { Kernel } from "../kernel.ts";
import type { Backing } from "../mm/region.ts";
import { Access, permits } from "../fs/perm.ts";
import type { Handler } from "../syscalls/handler.ts";
import { parseElf } from "./elf.ts";
import { buildImage, type ExecIds, type Image } from "./exec_image.ts";
import { credOf, type Process } from "./process.ts";
import { releaseAddressSpace, releaseVfork } from "./lifecycle.ts";

const MAX_ARGS = 0x20000;
const MAX_SCRIPT_DEPTH = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads a NULL-terminated array of string pointers; -errno on failure. */
function readStrings(p: Process, va: number): Uint8Array[] | number {
  const out: Uint8Array[] = [];
  if (va === 0) return out;
  for (let i = 0; i < MAX_ARGS; i++) {
    const ptr = p.um.read32(va + i * 4);
    if (ptr === null) return -Errno.EFAULT;
    if (ptr === 0) return out;
    const s = p.um.copyInBytes(ptr);
    if (typeof s === "number") return s === -Errno.ENAMETOOLONG ? -Errno.E2BIG : s;
    out.push(s);
  }
  return -Errno.E2BIG;
}

/** A loadable file: its bytes on demand and its size. */
export interface ExecFile extends Backing {
  readonly size: number;
}

/** Parses a `#!` line: [interpreter, optional argument] or null. */
export function parseShebang(head: Uint8Array): [string, string | null] | null {
  if (head[0] !== 0x23 || head[1] !== 0x21) return null;
  let end = head.indexOf(0x0a);
  if (end < 0) end = head.length;
  const line = decoder.decode(head.subarray(2, end)).trim();
  if (line === "") return null;
  const sp = line.search(/[ \t]/);
  if (sp < 0) return [line, null];
  return [line.slice(0, sp), line.slice(sp).trim() || null];
}

/** Loads `file` for a process with `ids`; returns the image or -errno. */
export function loadImage(
  k: Kernel,
  ids: ExecIds,
  file: ExecFile,
  argv: Uint8Array[],
  envp: Uint8Array[],
  execfn: string,
): Image | number {
  const head = new Uint8Array(Math.min(file.size, 4096));
  file.readAt(0, head);
  const elf = parseElf(head, file.size);
  if (typeof elf === "string") return -Errno.ENOEXEC;
  if (elf.interp) {
    const b = new Uint8Array(Math.min(elf.interp.size, 256));
    file.readAt(elf.interp.offset, b);
    const interp = decoder.decode(b).replace(/\0.*$/, "");
    k.log(
      `denix: ${execfn}: dynamically linked (interpreter ${interp}); only static executables run`,
    );
    return -Errno.ENOEXEC;
  }
  const name = execfn.slice(execfn.lastIndexOf("/") + 1);
  return buildImage(k.fr, elf, file, { argv, envp, execfn, ids, name });
}

/** Registers for a fresh image (Linux i386 ELF_PLAT_INIT: all zero). */
export function initialState(entry: number, esp: number): CpuState {
  const s = new CpuState();
  s.eip = entry;
  s.regs[4] = esp;
  s.eflags = 0x202;
  s.sregs[Seg.CS] = Selector.USER_CS;
  s.sregs[Seg.SS] = s.sregs[Seg.DS] = s.sregs[Seg.ES] = Selector.USER_DS;
  return s;
}

/** Replaces `p`'s image with `img` (p is the loaded process). */
function commit(k: Kernel, p: Process, img: Image, execfn: string): void {
  p.fds.closeOnExec();
  for (const a of p.actions) {
    if (a.handler > 1) a.handler = 0;
    a.flags = 0;
    a.mask = 0n;
  }
  p.altStack = { sp: 0, size: 0, flags: 2 };
  p.clearChildTid = 0;
  p.comm = execfn.slice(execfn.lastIndexOf("/") + 1).slice(0, 15);
  const old = p.as;
  k.unload(p);
  p.setAddressSpace(img.as);
  const s = initialState(img.entry, img.esp);
  p.cpu.regs.set(s.regs);
  p.cpu.eip = s.eip;
  p.cpu.eflags = s.eflags;
  p.cpu.sregs.set(s.sregs);
  p.cpu.segBases.fill(0);
  p.cpu.segments = s.segments;
  p.cpu.fpuControl = 0x37f;
  p.cpu.fpuStatus = 0;
  p.cpu.fpuTag = 0xffff;
  releaseVfork(k, p);
  const tmp = { as: old } as Process;
  releaseAddressSpace(tmp);
  k.switchTo(p);
}

/** execve(2) implements Linux syscall execve. */
export const execve: Handler = (k, p, a) => {
  const path = p.um.copyInString(a[0], 4096);
  if (typeof path === "number") return path;
  // Linux opens the file before it reads argv and envp: ENOENT wins over EFAULT there.
  const first = k.vfs.resolve(p.cwd, path, credOf(p));
  if (typeof first === "number") return first;
  let argv = readStrings(p, a[1]);
  if (typeof argv === "number") return argv;
  const envp = readStrings(p, a[2]);
  if (typeof envp === "number") return envp;
  let file = path;
  for (let depth = 0; depth <= MAX_SCRIPT_DEPTH; depth++) {
    const d = k.vfs.resolve(p.cwd, file, credOf(p));
    if (typeof d === "number") return d;
    const inode = d.inode;
    if (inode.isDir) return -Errno.EACCES;
    if (!inode.isRegular || !permits(inode, credOf(p), Access.X)) return -Errno.EACCES;
    const head = new Uint8Array(Math.min(inode.size, 256));
    inode.readAt(0, head);
    const script = parseShebang(head);
    if (script) {
      const [interp, arg] = script;
      argv = [
        encoder.encode(interp),
        ...(arg ? [encoder.encode(arg)] : []),
        encoder.encode(file),
        ...argv.slice(1),
      ];
      file = interp;
      continue;
    }
    const ids = { uid: p.uid, euid: p.euid, gid: p.gid, egid: p.egid };
    const img = loadImage(k, ids, inode, argv, envp, path);
    if (typeof img === "number") return img;
    commit(k, p, img, path);
    return 0;
  }
  return -Errno.ELOOP;
};
