/**
 * Register numbering and EFLAGS bits of the i386, as encoded in instructions.
 */

/** 32-bit general registers, in ModRM encoding order (index into `Cpu.regs`). */
export const enum Reg {
  EAX = 0,
  ECX = 1,
  EDX = 2,
  EBX = 3,
  ESP = 4,
  EBP = 5,
  ESI = 6,
  EDI = 7,
}

/** Segment registers in ModRM `Sw` encoding order. */
export const enum Seg {
  ES = 0,
  CS = 1,
  SS = 2,
  DS = 3,
  FS = 4,
  GS = 5,
}

/** EFLAGS bits. */
export const enum Flag {
  CF = 1 << 0,
  /** Bit 1 always reads as 1. */
  FIXED = 1 << 1,
  PF = 1 << 2,
  AF = 1 << 4,
  ZF = 1 << 6,
  SF = 1 << 7,
  TF = 1 << 8,
  IF = 1 << 9,
  DF = 1 << 10,
  OF = 1 << 11,
  IOPL = 3 << 12,
  NT = 1 << 14,
  RF = 1 << 16,
  VM = 1 << 17,
  AC = 1 << 18,
  VIF = 1 << 19,
  VIP = 1 << 20,
  ID = 1 << 21,
}

/** The six arithmetic status flags. */
export const ARITH_FLAGS = Flag.CF | Flag.PF | Flag.AF | Flag.ZF | Flag.SF | Flag.OF;

/** Flags that popf/sahf-style writes at CPL 3 (IOPL 0) may change. */
export const USER_WRITABLE_FLAGS = ARITH_FLAGS | Flag.TF | Flag.DF | Flag.NT | Flag.AC | Flag.ID;

/** Linux i386 user selectors (GDT entries as the kernel installs them). */
export const enum Selector {
  /** __USER_CS: GDT entry 14, RPL 3. */
  USER_CS = 0x73,
  /** __USER_DS: GDT entry 15, RPL 3. */
  USER_DS = 0x7b,
}

/** GDT entries set_thread_area may install (GDT_ENTRY_TLS_MIN..MAX on Linux i386). */
export const TLS_ENTRY_MIN = 6;
export const TLS_ENTRY_MAX = 8;
