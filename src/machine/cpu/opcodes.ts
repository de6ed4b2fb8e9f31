/**
 * The i386 opcode table: the single source of truth for instruction encodings.
 *
 * Every integer instruction the emulator executes is one row here. The CPU's decoder
 * derives from these rows which opcodes take a ModRM byte and which immediates follow
 * (see `decodeInfo`); the assembler derives its encoder from the same rows; the golden
 * vector generator and the coverage test enumerate them.
 *
 * Row syntax (Intel SDM notation), one string per row:
 *
 *     "<opcode bytes> [/r | /digit] [+r] [imm...] | <mnemonic> | <operands> [| attrs]"
 *
 * - opcode bytes: hex, e.g. `0F AF`. `+r` on the last byte: register number in its low 3 bits.
 * - `/r`: ModRM follows, reg field is a register operand. `/0`..`/7`: ModRM follows and
 *   its reg field selects this row (opcode extension). An x87 escape (D8-DF) followed by a
 *   second byte is an instruction whose whole ModRM byte is fixed (e.g. `DB E3` fninit).
 * - immediates, in encoding order: `ib` (8-bit), `iw` (16-bit), `iz` (16/32 by operand
 *   size), `cb` (rel8), `cz` (rel16/32 by operand size), `mo` (moffs, 16/32 by address size).
 * - mnemonic: the AT&T base name (GNU as spelling, without size suffix). Alternatives
 *   accepted by the assembler follow after `/`, e.g. `jz/je`. The first is canonical.
 * - operands, Intel order (destination first), comma separated:
 *     `Eb Ew Ev Ed` r/m of byte/word/operand-size/dword, `M` memory only, `Mq` 8-byte memory,
 *     `Gb Gw Gv` reg field, `Zb Zv` register in opcode, `Sw` segment register in reg field,
 *     `Ib Iw Iz Ibs` immediates (Ibs: imm8 sign-extended to operand size),
 *     `Jb Jz` relative branch targets, `Ob Ov` moffs, and fixed registers
 *     `AL AX eAX CL DX 1 FS GS ES CS SS DS`.
 * - attrs (optional, space separated): `nosuffix` (AT&T mnemonic never takes a size
 *   suffix), `o16`/`o32` (row only valid with that operand size; used by e.g. cbw/cwde),
 *   `a16`/`a32` (address size), `rep` (accepts rep prefixes), `repcc` (repe/repne),
 *   `lock` (lockable with a memory destination), `priv` (#GP(0) at CPL 3),
 *   `ud` (decodes but raises #UD), `nomem`/`memonly` ModRM restrictions, `noreg` (no
 *   register form), `def64` unused on i386, `alias` (decodable alias the assembler never
 *   emits), `f3` (requires an F3 prefix, e.g. pause).
 */

/** Condition-code names in encoding order (tttn = 0..15), AT&T spellings; first is canonical. */
export const CONDITIONS: readonly string[] = [
  "o",
  "no",
  "b/c/nae",
  "ae/nb/nc",
  "e/z",
  "ne/nz",
  "be/na",
  "a/nbe",
  "s",
  "ns",
  "p/pe",
  "np/po",
  "l/nge",
  "ge/nl",
  "le/ng",
  "g/nle",
];

const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFTS = ["rol", "ror", "rcl", "rcr", "shl/sal", "shr", "sal", "sar"];

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, "0");
}

function condRows(prefix: string, base: number, suffix: string, mnem: string, ops: string) {
  return CONDITIONS.map((cc, i) => {
    const names = cc.split("/").map((c) => mnem + c).join("/");
    return `${prefix}${hex(base + i)}${suffix} | ${names} | ${ops}`;
  });
}

function aluRows(): string[] {
  const rows: string[] = [];
  ALU.forEach((m, i) => {
    const b = i * 8;
    const lock = m === "cmp" ? "" : " | lock";
    rows.push(
      `${hex(b)} /r | ${m} | Eb,Gb${lock}`,
      `${hex(b + 1)} /r | ${m} | Ev,Gv${lock}`,
      `${hex(b + 2)} /r | ${m} | Gb,Eb`,
      `${hex(b + 3)} /r | ${m} | Gv,Ev`,
      `${hex(b + 4)} ib | ${m} | AL,Ib`,
      `${hex(b + 5)} iz | ${m} | eAX,Iz`,
      `80 /${i} ib | ${m} | Eb,Ib${lock}`,
      `81 /${i} iz | ${m} | Ev,Iz${lock}`,
      `82 /${i} ib | ${m} | Eb,Ib | alias${lock ? " lock" : ""}`,
      `83 /${i} ib | ${m} | Ev,Ibs${lock}`,
    );
  });
  return rows;
}

function shiftRows(): string[] {
  const rows: string[] = [];
  SHIFTS.forEach((m, i) => {
    const attr = i === 6 ? " | alias" : "";
    rows.push(
      `C0 /${i} ib | ${m} | Eb,Ib${attr}`,
      `C1 /${i} ib | ${m} | Ev,Ib${attr}`,
      `D0 /${i} | ${m} | Eb,1${attr}`,
      `D1 /${i} | ${m} | Ev,1${attr}`,
      `D2 /${i} | ${m} | Eb,CL${attr}`,
      `D3 /${i} | ${m} | Ev,CL${attr}`,
    );
  });
  return rows;
}

const BT = ["bt", "bts", "btr", "btc"];

/** The rows, in roughly opcode order. */
export const OPCODE_ROWS: readonly string[] = [
  ...aluRows(),
  "06 | push | ES",
  "07 | pop | ES",
  "0E | push | CS",
  "16 | push | SS",
  "17 | pop | SS",
  "1E | push | DS",
  "1F | pop | DS",
  "27 | daa | | nosuffix",
  "2F | das | | nosuffix",
  "37 | aaa | | nosuffix",
  "3F | aas | | nosuffix",
  "40+r | inc | Zv",
  "48+r | dec | Zv",
  "50+r | push | Zv",
  "58+r | pop | Zv",
  "60 | pusha | ",
  "61 | popa | ",
  "62 /r | bound | Gv,M",
  "68 iz | push | Iz",
  "69 /r iz | imul | Gv,Ev,Iz",
  "6A ib | push | Ibs",
  "6B /r ib | imul | Gv,Ev,Ibs",
  "6C | insb | | priv nosuffix",
  "6D | ins | | priv",
  "6E | outsb | | priv nosuffix",
  "6F | outs | | priv",
  ...condRows("", 0x70, " cb", "j", "Jb"),
  "84 /r | test | Eb,Gb",
  "85 /r | test | Ev,Gv",
  "86 /r | xchg | Eb,Gb | lock",
  "87 /r | xchg | Ev,Gv | lock",
  "88 /r | mov | Eb,Gb",
  "89 /r | mov | Ev,Gv",
  "8A /r | mov | Gb,Eb",
  "8B /r | mov | Gv,Ev",
  "8C /r | mov | Ew,Sw",
  "8D /r | lea | Gv,M",
  "8E /r | mov | Sw,Ew",
  "8F /0 | pop | Ev",
  "90 | nop | | nosuffix",
  "F3 90 | pause | | nosuffix f3",
  "90+r | xchg | eAX,Zv",
  "98 | cwtl | | o32 nosuffix",
  "98 | cbtw | | o16 nosuffix",
  "99 | cltd | | o32 nosuffix",
  "99 | cwtd | | o16 nosuffix",
  "9A | lcall | | ud",
  "9B | fwait/wait | | nosuffix",
  "9C | pushf | ",
  "9D | popf | ",
  "9E | sahf | | nosuffix",
  "9F | lahf | | nosuffix",
  "A0 mo | mov | AL,Ob",
  "A1 mo | mov | eAX,Ov",
  "A2 mo | mov | Ob,AL",
  "A3 mo | mov | Ov,eAX",
  "A4 | movsb | | rep nosuffix",
  "A5 | movs | | rep",
  "A6 | cmpsb | | repcc nosuffix",
  "A7 | cmps | | repcc",
  "A8 ib | test | AL,Ib",
  "A9 iz | test | eAX,Iz",
  "AA | stosb | | rep nosuffix",
  "AB | stos | | rep",
  "AC | lodsb | | rep nosuffix",
  "AD | lods | | rep",
  "AE | scasb | | repcc nosuffix",
  "AF | scas | | repcc",
  "B0+r ib | mov | Zb,Ib",
  "B8+r iz | mov | Zv,Iz",
  ...shiftRows(),
  "C2 iw | ret | Iw",
  "C3 | ret | ",
  "C4 /r | les | Gv,M | ud",
  "C5 /r | lds | Gv,M | ud",
  "C6 /0 ib | mov | Eb,Ib",
  "C7 /0 iz | mov | Ev,Iz",
  "C8 iw ib | enter | Iw,Ib",
  "C9 | leave | ",
  "CA iw | lret | Iw | ud",
  "CB | lret | | ud",
  "CC | int3 | | nosuffix",
  "CD ib | int | Ib | nosuffix",
  "CE | into | | nosuffix",
  "CF | iret | | ud",
  "D4 ib | aam | Ib | nosuffix",
  "D5 ib | aad | Ib | nosuffix",
  "D7 | xlat/xlatb | | nosuffix",
  // x87 control instructions (the rest of the x87 raises #NM: see exec_x87.ts).
  "D9 /5 | fldcw | M | nosuffix",
  "D9 /7 | fnstcw | M | nosuffix",
  "DB E2 | fnclex | | nosuffix",
  "DB E3 | fninit | | nosuffix",
  "DD /7 | fnstsw | M | nosuffix",
  "DF E0 | fnstsw | AX | nosuffix",
  "E0 cb | loopne/loopnz | Jb | nosuffix",
  "E1 cb | loope/loopz | Jb | nosuffix",
  "E2 cb | loop | Jb | nosuffix",
  "E3 cb | jecxz | Jb | a32 nosuffix",
  "E3 cb | jcxz | Jb | a16 nosuffix",
  "E4 ib | in | AL,Ib | priv",
  "E5 ib | in | eAX,Ib | priv",
  "E6 ib | out | Ib,AL | priv",
  "E7 ib | out | Ib,eAX | priv",
  "E8 cz | call | Jz",
  "E9 cz | jmp | Jz",
  "EA | ljmp | | ud",
  "EB cb | jmp | Jb",
  "EC | in | AL,DX | priv",
  "ED | in | eAX,DX | priv",
  "EE | out | DX,AL | priv",
  "EF | out | DX,eAX | priv",
  "F1 | int1/icebp | | nosuffix",
  "F4 | hlt | | priv nosuffix",
  "F5 | cmc | | nosuffix",
  "F6 /0 ib | test | Eb,Ib",
  "F6 /1 ib | test | Eb,Ib | alias",
  "F6 /2 | not | Eb | lock",
  "F6 /3 | neg | Eb | lock",
  "F6 /4 | mul | Eb",
  "F6 /5 | imul | Eb",
  "F6 /6 | div | Eb",
  "F6 /7 | idiv | Eb",
  "F7 /0 iz | test | Ev,Iz",
  "F7 /1 iz | test | Ev,Iz | alias",
  "F7 /2 | not | Ev | lock",
  "F7 /3 | neg | Ev | lock",
  "F7 /4 | mul | Ev",
  "F7 /5 | imul | Ev",
  "F7 /6 | div | Ev",
  "F7 /7 | idiv | Ev",
  "F8 | clc | | nosuffix",
  "F9 | stc | | nosuffix",
  "FA | cli | | priv nosuffix",
  "FB | sti | | priv nosuffix",
  "FC | cld | | nosuffix",
  "FD | std | | nosuffix",
  "FE /0 | inc | Eb | lock",
  "FE /1 | dec | Eb | lock",
  "FF /0 | inc | Ev | lock",
  "FF /1 | dec | Ev | lock",
  "FF /2 | call | Ev | indirect",
  "FF /3 | lcall | M | ud",
  "FF /4 | jmp | Ev | indirect",
  "FF /5 | ljmp | M | ud",
  "FF /6 | push | Ev",
  // Two-byte opcodes.
  "0F 00 /0 | sldt | Ew | priv",
  "0F 00 /1 | str | Ew | priv",
  "0F 00 /2 | lldt | Ew | priv",
  "0F 00 /3 | ltr | Ew | priv",
  "0F 01 /0 | sgdt | M | priv",
  "0F 01 /1 | sidt | M | priv",
  "0F 01 /2 | lgdt | M | priv",
  "0F 01 /3 | lidt | M | priv",
  "0F 01 /4 | smsw | Ew | priv",
  "0F 01 /6 | lmsw | Ew | priv",
  "0F 01 /7 | invlpg | M | priv",
  "0F 06 | clts | | priv nosuffix",
  "0F 08 | invd | | priv nosuffix",
  "0F 09 | wbinvd | | priv nosuffix",
  "0F 0B | ud2 | | nosuffix",
  "0F 0D /1 | prefetchw | M | nosuffix",
  "0F 18 /0 | prefetchnta | M | nosuffix",
  "0F 18 /1 | prefetcht0 | M | nosuffix",
  "0F 18 /2 | prefetcht1 | M | nosuffix",
  "0F 18 /3 | prefetcht2 | M | nosuffix",
  "0F 1F /0 | nop | Ev",
  // Reserved hint NOPs: execute as NOP on P6 and later; never emitted by the assembler.
  ...[0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e].map((b) => `0F ${hex(b)} /r | nop | Ev | alias`),
  "0F 20 /r | mov | Ed,Cd | priv alias",
  "0F 21 /r | mov | Ed,Dd | priv alias",
  "0F 22 /r | mov | Cd,Ed | priv alias",
  "0F 23 /r | mov | Dd,Ed | priv alias",
  "0F 30 | wrmsr | | priv nosuffix",
  "0F 31 | rdtsc | | nosuffix",
  "0F 32 | rdmsr | | priv nosuffix",
  "0F 33 | rdpmc | | priv nosuffix",
  ...condRows("0F ", 0x40, " /r", "cmov", "Gv,Ev"),
  ...condRows("0F ", 0x80, " cz", "j", "Jz"),
  ...condRows("0F ", 0x90, " /0", "set", "Eb").map((r) => r + " | nosuffix"),
  "0F A0 | push | FS",
  "0F A1 | pop | FS",
  "0F A2 | cpuid | | nosuffix",
  "0F A3 /r | bt | Ev,Gv",
  "0F A4 /r ib | shld | Ev,Gv,Ib",
  "0F A5 /r | shld | Ev,Gv,CL",
  "0F A8 | push | GS",
  "0F A9 | pop | GS",
  "0F AB /r | bts | Ev,Gv | lock",
  "0F AC /r ib | shrd | Ev,Gv,Ib",
  "0F AD /r | shrd | Ev,Gv,CL",
  "0F AF /r | imul | Gv,Ev",
  "0F B0 /r | cmpxchg | Eb,Gb | lock",
  "0F B1 /r | cmpxchg | Ev,Gv | lock",
  "0F B3 /r | btr | Ev,Gv | lock",
  "0F B6 /r | movzb | Gv,Eb",
  "0F B7 /r | movzw | Gv,Ew",
  ...BT.map((m, i) => `0F BA /${i + 4} ib | ${m} | Ev,Ib${i ? " | lock" : ""}`),
  "0F BB /r | btc | Ev,Gv | lock",
  "0F BC /r | bsf | Gv,Ev",
  "0F BD /r | bsr | Gv,Ev",
  "0F BE /r | movsb | Gv,Eb",
  "0F BF /r | movsw | Gv,Ew",
  "0F C0 /r | xadd | Eb,Gb | lock",
  "0F C1 /r | xadd | Ev,Gv | lock",
  "0F C7 /1 | cmpxchg8b | Mq | lock nosuffix",
  "0F C8+r | bswap | Zv",
];

/** One parsed row of the opcode table. */
export interface OpcodeRow {
  /** Opcode bytes including a mandatory prefix (e.g. [0xF3, 0x90]) and 0x0F escapes. */
  readonly bytes: readonly number[];
  /** The opcode number used for dispatch: 0x000-0x0FF one-byte, 0x100-0x1FF for 0F xx. */
  readonly opcode: number;
  /** True when the register is encoded in the low 3 bits of the last opcode byte. */
  readonly plusReg: boolean;
  /** ModRM: -1 none, -2 `/r`, 0..7 the `/digit` extension. */
  readonly modrm: number;
  /** Immediates in encoding order: "ib" | "iw" | "iz" | "cb" | "cz" | "mo". */
  readonly imms: readonly string[];
  /** Mnemonic names; the first is canonical. */
  readonly names: readonly string[];
  /** Operand specifications, Intel order. */
  readonly operands: readonly string[];
  readonly attrs: ReadonlySet<string>;
  /** The row's source text, for diagnostics. */
  readonly text: string;
}

/** Parses one row. Throws on malformed rows (a programming error in this file). */
export function parseRow(text: string): OpcodeRow {
  const [enc, mn, ops = "", attrs = ""] = text.split("|").map((s) => s.trim());
  if (!enc || !mn) throw new Error(`bad opcode row: ${text}`);
  const bytes: number[] = [];
  let plusReg = false;
  let modrm = -1;
  const imms: string[] = [];
  for (const tok of enc.split(/\s+/)) {
    if (/^[0-9A-F]{2}\+r$/.test(tok)) {
      bytes.push(parseInt(tok, 16));
      plusReg = true;
    } else if (/^[0-9A-F]{2}$/.test(tok)) bytes.push(parseInt(tok, 16));
    else if (tok === "/r") modrm = -2;
    else if (/^\/[0-7]$/.test(tok)) modrm = Number(tok[1]);
    else if (["ib", "iw", "iz", "cb", "cz", "mo"].includes(tok)) imms.push(tok);
    else throw new Error(`bad token ${tok} in opcode row: ${text}`);
  }
  const attrSet = new Set(attrs.split(/\s+/).filter(Boolean));
  const body = bytes[0] === 0xf3 && attrSet.has("f3") ? bytes.slice(1) : bytes;
  const opcode = body[0] === 0x0f ? 0x100 | body[1] : body[0];
  return {
    bytes,
    opcode,
    plusReg,
    modrm,
    imms,
    names: mn.split("/"),
    operands: ops ? ops.split(",").map((s) => s.trim()) : [],
    attrs: attrSet,
    text,
  };
}

/** All rows, parsed. */
export const OPCODES: readonly OpcodeRow[] = OPCODE_ROWS.map(parseRow);

/** Decoder flags per opcode (index 0x000-0x1FF). */
export const enum Dec {
  /** Opcode is defined (some row names it). */
  Valid = 1,
  /** A ModRM byte follows the opcode. */
  ModRM = 2,
  /** Immediate kinds (at most two, in order), 3 bits each, starting at bit 2. */
  ImmShift = 2,
  /** Immediates depend on the ModRM reg field (F6/F7: only /0 and /1 take one). */
  ImmByReg = 64,
}

/** Immediate kinds as stored in the decoder table. */
export const enum Imm {
  None = 0,
  B = 1,
  W = 2,
  Z = 3,
  CB = 4,
  CZ = 5,
  MO = 6,
}

const IMM_CODE: Record<string, Imm> = {
  ib: Imm.B,
  iw: Imm.W,
  iz: Imm.Z,
  cb: Imm.CB,
  cz: Imm.CZ,
  mo: Imm.MO,
};

function immBits(row: OpcodeRow): number {
  let bits = 0;
  row.imms.forEach((k, i) => {
    bits |= IMM_CODE[k] << (Dec.ImmShift + 3 * i);
  });
  return bits;
}

/**
 * Builds the decoder's per-opcode info word from the rows: Valid, ModRM and the
 * immediate kinds. For `+r` rows all 8 opcodes are filled. Conflicting rows for one
 * opcode must agree on ModRM; if they disagree on immediates the opcode is marked
 * ImmByReg and the CPU asks `immForReg`.
 */
export function buildDecodeInfo(rows: readonly OpcodeRow[]): Uint8Array {
  const info = new Uint8Array(512);
  for (const row of rows) {
    const n = row.plusReg ? 8 : 1;
    for (let r = 0; r < n; r++) {
      const op = row.opcode + r;
      const x87Fixed = row.bytes.length === 2 && row.bytes[0] >= 0xd8 && row.bytes[0] <= 0xdf;
      const hasModrm = row.modrm !== -1 || x87Fixed;
      const word = Dec.Valid | (hasModrm ? Dec.ModRM : 0) | immBits(row);
      const prev = info[op];
      if (prev === 0) info[op] = word;
      else if (prev !== word) {
        if ((prev & Dec.ModRM) !== (word & Dec.ModRM)) {
          // 90+r xchg vs 90 nop/F3 90 pause: same shape, only plusReg rows reach here.
          throw new Error(`opcode ${op.toString(16)} rows disagree on ModRM`);
        }
        info[op] = Dec.Valid | Dec.ModRM | Dec.ImmByReg;
      }
    }
  }
  return info;
}

/** Decoder info for every opcode: see `Dec`. */
export const decodeInfo: Uint8Array = buildDecodeInfo(OPCODES);

/** For ImmByReg opcodes: the immediate bits (as in `decodeInfo`) for ModRM reg `reg`. */
export const immForReg: Uint8Array = (() => {
  const t = new Uint8Array(512 * 8);
  for (const row of OPCODES) {
    if (row.modrm >= 0) t[row.opcode * 8 + row.modrm] = immBits(row);
  }
  return t;
})();
