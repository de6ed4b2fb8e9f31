/**
 * Building a new process image for execve: regions for the ELF segments, the stack
 * region, and the initial stack contents exactly as Linux's create_elf_tables lays them
 * out (from high to low addresses):
 *
 *   [0xC0000000 - 4]  NULL word
 *   execfn string, envp strings, argv strings    (argv[0] lowest)
 *   "i686" (AT_PLATFORM), 16 random bytes (AT_RANDOM)
 *   padding to 16 bytes
 *   auxv pairs ... AT_NULL, envp[] NULL, argv[] NULL, argc   <- esp (16-byte aligned)
 *
 * Contract: `buildImage` returns the new address space with esp/eip for the caller to
 * commit, or a negative errno (ENOEXEC for unloadable files, ENOMEM, E2BIG for argument
 * strings over 128 KiB * 32). Nothing of the calling process is touched, so a failed
 * execve returns to the old image.
 */
import { Errno } from "../../abi/errno.ts";
import { At } from "../../abi/auxv.ts";
import { CPUID_FEATURES } from "../../machine/cpu/cpuid.ts";
import { AddressSpace, STACK_TOP } from "../mm/address_space.ts";
import type { Frames } from "../mm/frames.ts";
import { type Backing, Prot, Region } from "../mm/region.ts";
import { UserMemory } from "../mm/uaccess.ts";
import { type ElfInfo, PFlag, PType } from "./elf.ts";

/** Where static-pie (ET_DYN) executables are loaded. */
export const PIE_BASE = 0x0040_0000;
/** Initial size of the stack region (it grows down on demand). */
const STACK_INITIAL = 128 << 10;
/** Total bytes of argv + envp strings allowed (Linux: ARG_MAX-like limit). */
const ARG_MAX = 32 * 128 * 1024;

/** The result of a successful build. */
export interface Image {
  as: AddressSpace;
  entry: number;
  esp: number;
}

/** Identity values placed in auxv. */
export interface ExecIds {
  uid: number;
  euid: number;
  gid: number;
  egid: number;
}

const encoder = new TextEncoder();

function pageDown(a: number): number {
  return Math.floor(a / 4096) * 4096;
}

function pageUp(a: number): number {
  return Math.ceil(a / 4096) * 4096;
}

/** Maps the PT_LOAD segments into `as`; returns [bias, highest end] or -errno. */
function mapSegments(
  as: AddressSpace,
  elf: ElfInfo,
  file: Backing,
  name: string,
): number[] | number {
  const bias = elf.type === 3 ? PIE_BASE : 0;
  let top = 0;
  for (const ph of elf.phdrs) {
    if (ph.type !== PType.LOAD || ph.memsz === 0) continue;
    const start = pageDown(bias + ph.vaddr);
    const end = pageUp(bias + ph.vaddr + ph.memsz);
    if (!as.isFree(start, end) || end > STACK_TOP - (8 << 20)) return -Errno.ENOEXEC;
    const prot = (ph.flags & PFlag.R ? Prot.Read : 0) | (ph.flags & PFlag.W ? Prot.Write : 0) |
      (ph.flags & PFlag.X ? Prot.Exec : 0);
    const r = new Region(start, end, prot, name);
    r.file = file;
    r.fileOffset = ph.offset - ((bias + ph.vaddr) - start);
    r.fileEnd = bias + ph.vaddr + ph.filesz;
    as.insert(r);
    top = Math.max(top, end);
  }
  return [bias, top];
}

/** Address of the program headers in memory (AT_PHDR). */
function phdrAddress(elf: ElfInfo, bias: number): number {
  const phdr = elf.phdrs.find((p) => p.type === PType.PHDR);
  if (phdr) return bias + phdr.vaddr;
  for (const p of elf.phdrs) {
    if (p.type === PType.LOAD && elf.phoff >= p.offset && elf.phoff < p.offset + p.filesz) {
      return bias + p.vaddr + (elf.phoff - p.offset);
    }
  }
  return 0;
}

/** Builds the address space and initial stack; see the module contract. */
export function buildImage(
  fr: Frames,
  elf: ElfInfo,
  file: Backing,
  args: { argv: Uint8Array[]; envp: Uint8Array[]; execfn: string; ids: ExecIds; name: string },
): Image | number {
  const strBytes = [...args.argv, ...args.envp].reduce((n, s) => n + s.length + 1, 0);
  if (strBytes > ARG_MAX) return -Errno.E2BIG;
  const as = AddressSpace.create(fr);
  if (!as) return -Errno.ENOMEM;
  const mapped = mapSegments(as, elf, file, args.name);
  if (typeof mapped === "number") {
    as.destroy();
    return mapped;
  }
  const [bias, top] = mapped;
  as.brkStart = as.brk = top;
  const stack = new Region(STACK_TOP - STACK_INITIAL, STACK_TOP, Prot.Read | Prot.Write, "[stack]");
  stack.growsDown = true;
  as.insert(stack);
  const esp = writeStack(new UserMemory(as), elf, bias, args);
  if (esp < 0) {
    as.destroy();
    return esp === -Errno.EFAULT ? -Errno.E2BIG : esp;
  }
  return { as, entry: bias + elf.entry, esp };
}

/** Addresses of the strings copied to the top of the new stack. */
interface StackStrings {
  argv: number[];
  envp: number[];
  execfn: number;
  platform: number;
  random: number;
  /** Lowest address used so far. */
  sp: number;
}

/** Copies execfn, envp, argv, "i686" and 16 random bytes below STACK_TOP; -errno on failure. */
function writeStrings(um: UserMemory, args: StackArgs): StackStrings | number {
  let sp = STACK_TOP - 4;
  let failed = 0;
  const push = (bytes: Uint8Array): number => {
    sp -= bytes.length + 1;
    const buf = new Uint8Array(bytes.length + 1);
    buf.set(bytes);
    failed ||= um.copyOut(sp, buf);
    return sp;
  };
  if (um.write32(sp, 0) < 0) return -Errno.ENOMEM;
  const execfn = push(encoder.encode(args.execfn));
  const envp = args.envp.toReversed().map(push).reverse();
  const argv = args.argv.toReversed().map(push).reverse();
  const platform = push(encoder.encode("i686"));
  sp = ((sp - 16) & ~15) >>> 0;
  failed ||= um.copyOut(sp, crypto.getRandomValues(new Uint8Array(16)));
  return failed < 0 ? failed : { argv, envp, execfn, platform, random: sp, sp };
}

/** The auxiliary vector, as (type, value) pairs ending with AT_NULL. */
function auxVector(elf: ElfInfo, bias: number, ids: ExecIds, at: StackStrings): number[] {
  return [
    [At.HWCAP, CPUID_FEATURES],
    [At.PAGESZ, 4096],
    [At.CLKTCK, 100],
    [At.PHDR, phdrAddress(elf, bias)],
    [At.PHENT, 32],
    [At.PHNUM, elf.phnum],
    [At.BASE, 0],
    [At.FLAGS, 0],
    [At.ENTRY, bias + elf.entry],
    [At.UID, ids.uid],
    [At.EUID, ids.euid],
    [At.GID, ids.gid],
    [At.EGID, ids.egid],
    [At.SECURE, 0],
    [At.RANDOM, at.random],
    [At.HWCAP2, 0],
    [At.EXECFN, at.execfn],
    [At.PLATFORM, at.platform],
    [At.NULL, 0],
  ].flat();
}

/** What execve puts on the stack. */
interface StackArgs {
  argv: Uint8Array[];
  envp: Uint8Array[];
  execfn: string;
  ids: ExecIds;
}

/** Writes strings, auxv, envp, argv and argc; returns esp (16-byte aligned) or -errno. */
function writeStack(um: UserMemory, elf: ElfInfo, bias: number, args: StackArgs): number {
  const at = writeStrings(um, args);
  if (typeof at === "number") return at;
  const auxv = auxVector(elf, bias, args.ids, at);
  const words = [args.argv.length, ...at.argv, 0, ...at.envp, 0, ...auxv];
  const sp = ((at.sp - words.length * 4) & ~15) >>> 0;
  const block = new Uint8Array(words.length * 4);
  const v = new DataView(block.buffer);
  words.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  const e = um.copyOut(sp, block);
  return e < 0 ? e : sp;
}
