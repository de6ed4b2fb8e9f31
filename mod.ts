/**
 * denix's public API: the pieces a program can use without the CLI.
 *
 * @example Run a few i386 instructions on the emulated CPU
 * ```ts
 * import { Cpu, PhysicalMemory, TrapKind } from "./mod.ts";
 *
 * const mem = new PhysicalMemory(4 << 20);
 * const cpu = new Cpu(mem);
 * // Page directory at 0x1000, one page table at 0x2000 mapping 0x08048000 -> 0x3000.
 * mem.write32(0x1000 + (0x08048000 >>> 22) * 4, 0x2000 | 7);
 * mem.write32(0x2000 + ((0x08048000 >>> 12) & 0x3ff) * 4, 0x3000 | 7);
 * mem.load(0x3000, new Uint8Array([0xb8, 42, 0, 0, 0, 0xcd, 0x80])); // mov $42,%eax; int $0x80
 * cpu.mmu.loadCr3(0x1000);
 * cpu.eip = 0x08048000;
 * const trap = cpu.run(1000);
 * console.log(trap.kind === TrapKind.Syscall, cpu.regs[0]); // true 42
 * ```
 *
 * @module
 */
export { VERSION } from "./src/version.ts";
export { PhysicalMemory } from "./src/machine/memory.ts";
export { PfError, Trap, TrapKind, Vector } from "./src/machine/trap.ts";
export { Cpu, CpuState } from "./src/machine/cpu/cpu.ts";
export { Mmu } from "./src/machine/cpu/mmu.ts";
export { Flag, Reg, Seg } from "./src/machine/cpu/regs.ts";
export { type Descriptor, SegmentTable } from "./src/machine/cpu/segments.ts";
export { type OpcodeRow, OPCODES } from "./src/machine/cpu/opcodes.ts";
export { type DecodedShape, decodeShape } from "./src/machine/cpu/decode.ts";
export {
  AsmError,
  assemble,
  assembleFlat,
  type FlatImage,
  type ObjectFile,
  writeElfObject,
} from "./src/toolchain/as/mod.ts";
