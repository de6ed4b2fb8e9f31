/**
 * Assembly output buffer and the value conventions of the code generator.
 *
 * Conventions (a stack machine over registers): an expression leaves its
 * value in %eax (types up to 32 bits, pointers), %edx:%eax (long long), the
 * x87 top st(0) (float, double, long double, always in 80-bit precision as
 * gcc -m32 does, FLT_EVAL_METHOD 2) or, for structs/unions/arrays/functions,
 * their address in %eax. Temporaries go to the machine stack; `depth` counts
 * pushed bytes so calls can keep %esp 16-byte aligned. Integer temporaries
 * of nested expressions live in %ebx, %esi, %edi (callee-saved, so they
 * survive calls; saved in every prologue) and spill to the stack beyond three.
 */
import type { Obj } from "../ast.ts";
import type { CType } from "../types.ts";

/** Value class of a type under the conventions above. */
export type Cls = "i" | "l" | "f" | "s" | "v";

/** The class of `t`. */
export function cls(t: CType): Cls {
  switch (t.kind) {
    case "void":
      return "v";
    case "llong":
      return "l";
    case "float":
    case "double":
    case "ldouble":
      return "f";
    case "struct":
    case "union":
    case "array":
    case "func":
      return "s";
    default:
      return "i";
  }
}

/** Code generation state for one translation unit. */
export class Gen {
  readonly text: string[] = [];
  readonly rodata: string[] = [];
  depth = 0;
  fn: Obj | undefined;
  /** Put hot scalar variables in registers (off at -O0). */
  allocateVariables = true;
  retLabel = "";
  private uniq = 0;
  private floatConsts = new Map<string, string>();

  emit(line: string): void {
    this.text.push(line.endsWith(":") ? line : `\t${line}`);
  }

  label(): string {
    return `.Lg${this.uniq++}`;
  }

  push(reg: string): void {
    this.emit(`pushl ${reg}`);
    this.depth += 4;
  }

  pop(reg: string): void {
    this.emit(`popl ${reg}`);
    this.depth -= 4;
  }

  private temps = 0;
  private tempRegs: readonly string[] = ["%ebx", "%esi", "%edi"];

  /** Sets the registers available for temporaries in the current function. */
  setTempRegs(regs: readonly string[]): void {
    this.tempRegs = regs;
    this.temps = 0;
  }

  /** Saves %eax as an expression temporary (callee-saved register, else the stack). */
  pushTemp(): number {
    const i = this.temps++;
    if (i < this.tempRegs.length) this.emit(`movl %eax, ${this.tempRegs[i]}`);
    else this.push("%eax");
    return i;
  }

  /** Restores the innermost temporary into `dst`. */
  popTemp(dst: string): void {
    const i = --this.temps;
    if (i < this.tempRegs.length) this.emit(`movl ${this.tempRegs[i]}, ${dst}`);
    else this.pop(dst);
  }

  /** Releases the innermost temporary and names a register holding it (%edx if it was spilled). */
  takeTemp(): string {
    const i = --this.temps;
    if (i < this.tempRegs.length) return this.tempRegs[i];
    this.pop("%edx");
    return "%edx";
  }

  /** Adjusts %esp by `-bytes` (allocates) and tracks depth. */
  alloc(bytes: number): void {
    if (bytes) this.emit(`subl $${bytes}, %esp`);
    this.depth += bytes;
  }

  free(bytes: number): void {
    if (bytes) this.emit(`addl $${bytes}, %esp`);
    this.depth -= bytes;
  }

  private have2p64 = false;

  /** The label of the float constant 2^64 (unsigned long long → floating conversion). */
  twoPow64(): string {
    if (!this.have2p64) this.rodata.push(`\t.align 4`, `.Ldenix_2p64:`, `\t.long 0x5f800000`);
    this.have2p64 = true;
    return ".Ldenix_2p64";
  }

  private have2p63 = false;

  /** The label of the float constant 2^63 (floating → unsigned long long conversion). */
  twoPow63(): string {
    if (!this.have2p63) this.rodata.push(`\t.align 4`, `.Ldenix_2p63:`, `\t.long 0x5f000000`);
    this.have2p63 = true;
    return ".Ldenix_2p63";
  }

  /** A label of a 10-byte x87 extended constant in .rodata. */
  extendedConst(bits: bigint): string {
    const l = `.LX${this.uniq++}`;
    const word = (sh: bigint) => Number((bits >> sh) & 0xffffffffn);
    this.rodata.push(
      `\t.align 4`,
      `${l}:`,
      `\t.long ${word(0n)}, ${word(32n)}`,
      `\t.short ${word(64n) & 0xffff}`,
    );
    return l;
  }

  /** A label of an 8-byte double constant in .rodata. */
  doubleConst(v: number): string {
    const d = new DataView(new ArrayBuffer(8));
    d.setFloat64(0, v, true);
    const key = `${d.getUint32(0, true)},${d.getUint32(4, true)}`;
    let l = this.floatConsts.get(key);
    if (!l) {
      l = `.LF${this.floatConsts.size}`;
      this.floatConsts.set(key, l);
      this.rodata.push(
        `\t.align 8`,
        `${l}:`,
        `\t.long ${d.getUint32(0, true)}, ${d.getUint32(4, true)}`,
      );
    }
    return l;
  }
}

/** Memory operand suffix and load instruction for integer loads by type. */
export function loadInsn(t: CType): string {
  if (t.kind === "bool") return "movzbl";
  if (t.size === 1) return t.unsigned ? "movzbl" : "movsbl";
  if (t.size === 2) return t.unsigned ? "movzwl" : "movswl";
  return "movl";
}

/** Store of %eax's low part by type size. */
export function storeInsn(t: CType): string {
  return t.size === 1 ? "movb %al" : t.size === 2 ? "movw %ax" : "movl %eax";
}

/** x87 load/store suffix by floating type. */
export function fsuffix(t: CType): string {
  return t.kind === "float" ? "s" : t.kind === "double" ? "l" : "t";
}
