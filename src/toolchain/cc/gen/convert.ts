/**
 * Conversions between the value classes of emitter.ts (C11 6.3): integer
 * narrowing and widening, integer <-> x87 (truncating via a temporary control
 * word), x87 rounding to float/double, and conversion to _Bool.
 */
import type { CType } from "../types.ts";
import { cls, fsuffix, type Gen } from "./emitter.ts";
import { discard } from "./expr.ts";

/** Converts the current value from type `from` to type `to`. */
export function convert(g: Gen, from: CType, to: CType): void {
  const [a, b] = [cls(from), cls(to)];
  if (b === "v") return discard(g, from);
  if (a === "s" || b === "s") return;
  if (to.kind === "bool") return toBool(g, from);
  if (a === "f") return b === "f" ? roundTo(g, to) : fromFloat(g, to);
  if (b === "f") {
    // Integer -> floating conversions stay in 80-bit precision, exactly like
    // gcc -m32 (excess precision): only stores, float-to-float casts and
    // unsigned long long sources (gcc's fix-up sequence) round.
    if (a === "i" && !from.unsigned) {
      return g.emit(`pushl %eax`), g.emit(`fildl (%esp)`), g.emit(`addl $4, %esp`);
    }
    if (a === "l") g.emit(`pushl %edx`);
    else g.emit(`pushl $0`);
    g.emit(`pushl %eax`), g.emit(`fildll (%esp)`), g.emit(`addl $8, %esp`);
    if (a === "l" && from.unsigned) {
      // as gcc: fix up values >= 2^63, then round to the target type
      const skip = g.label();
      g.emit(`testl %edx, %edx`), g.emit(`jns ${skip}`);
      g.emit(`fadds ${g.twoPow64()}`);
      g.text.push(`${skip}:`);
      return roundTo(g, to);
    }
    return;
  }
  if (b === "l") {
    if (a === "i") g.emit(from.unsigned ? `xorl %edx, %edx` : `cltd`);
    return;
  }
  narrow(g, to);
}

export function narrow(g: Gen, to: CType): void {
  if (to.size === 1) g.emit(to.unsigned ? `movzbl %al, %eax` : `movsbl %al, %eax`);
  else if (to.size === 2) g.emit(to.unsigned ? `movzwl %ax, %eax` : `movswl %ax, %eax`);
}

export function toBool(g: Gen, from: CType): void {
  const c = cls(from);
  if (c === "f") {
    g.emit(`fldz`), g.emit(`fucomip %st(1), %st`), g.emit(`fstp %st(0)`);
    g.emit(`setne %al`), g.emit(`setp %cl`), g.emit(`orb %cl, %al`);
  } else {
    if (c === "l") g.emit(`orl %edx, %eax`);
    g.emit(`testl %eax, %eax`), g.emit(`setne %al`);
  }
  g.emit(`movzbl %al, %eax`);
}

export function roundTo(g: Gen, to: CType): void {
  if (to.kind === "ldouble") return;
  const size = to.kind === "float" ? 4 : 8;
  g.emit(`subl $${size}, %esp`), g.emit(`fstp${fsuffix(to)} (%esp)`);
  g.emit(`fld${fsuffix(to)} (%esp)`), g.emit(`addl $${size}, %esp`);
}

/** Truncating float → integer conversion via a temporary control word. */
export function fromFloat(g: Gen, to: CType): void {
  g.emit(`subl $16, %esp`);
  g.emit(`fnstcw (%esp)`), g.emit(`movw (%esp), %ax`), g.emit(`orw $0xc00, %ax`);
  g.emit(`movw %ax, 2(%esp)`), g.emit(`fldcw 2(%esp)`);
  if (to.kind === "llong" && to.unsigned) {
    // values >= 2^63 do not fit fistpll: convert v - 2^63 and set the top bit
    const [small, done] = [g.label(), g.label()];
    g.emit(`flds ${g.twoPow63()}`),
      g.emit(`fxch %st(1)`),
      g.emit(`fucomi %st(1), %st`),
      g.emit(`fstp %st(1)`);
    g.emit(`jb ${small}`), g.emit(`fsubs ${g.twoPow63()}`), g.emit(`fistpll 4(%esp)`);
    g.emit(`xorl $0x80000000, 8(%esp)`), g.emit(`jmp ${done}`);
    g.text.push(`${small}:`), g.emit(`fistpll 4(%esp)`), g.text.push(`${done}:`);
  } else g.emit(`fist${STORE_WIDTH[width(to)]} 4(%esp)`);
  g.emit(`fldcw (%esp)`);
  if (width(to) === 16) g.emit(`movswl 4(%esp), %eax`);
  else g.emit(`movl 4(%esp), %eax`), g.emit(`movl 8(%esp), %edx`);
  g.emit(`addl $16, %esp`);
  if (cls(to) === "i") narrow(g, to);
}

const STORE_WIDTH: Record<number, string> = { 16: "ps", 32: "pl", 64: "pll" };

/**
 * The integer width gcc -m32 stores with for a floating -> integer conversion:
 * 16 bits for chars and short, 32 for unsigned short and int, 64 for unsigned
 * int and long long. Out-of-range values thus give the same (undefined, but
 * x87-defined) results as gcc-built code.
 */
function width(to: CType): number {
  if (to.size === 1 || (to.size === 2 && !to.unsigned)) return 16;
  if (to.size === 2 || (to.size === 4 && !to.unsigned)) return 32;
  return 64;
}
