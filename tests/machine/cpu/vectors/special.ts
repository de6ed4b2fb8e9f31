/**
 * The hook interface through which specials_*.ts tell the generic instance builder
 * (generic.ts) what it cannot derive from an opcode row.
 */
import type { Builder } from "./builder.ts";

/** Hooks for one mnemonic; every member is optional. */
export interface Special {
  /** The 66 prefix is not recorded for this mnemonic (branches: EIP truncation). */
  no66?: boolean;
  /** The 67 prefix is meaningful without a ModRM memory operand (strings, loop). */
  a16?: boolean;
  /** Registers the hook sets: never used as ModRM base/index. */
  reserved?: number[];
  /** The value of immediate number `i` of kind `kind`, or undefined for the default. */
  imm?: (b: Builder, kind: string, i: number) => number | undefined;
  /** Effective address for the memory form (default: inside the data window). */
  target?: (b: Builder, bits: number) => number;
  /** Final adjustments after generic operand values; return false to drop the instance. */
  setup?: (b: Builder, bits: number) => boolean | void;
  /** Probability of choosing the register form for memory-only rows (#UD expected). */
  regUd?: number;
  /** The ModRM reg field for `/r` rows (default: random). */
  regField?: (b: Builder) => number;
  /** The only outcome to record (6: keep the instance only if the host raises #UD). */
  expect?: number;
}
