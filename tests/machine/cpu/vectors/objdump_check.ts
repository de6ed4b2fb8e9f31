/**
 * Encoder self-check: GNU objdump must decode each sampled instance as exactly one
 * instruction of the expected length whose mnemonic is one of the row's names (modulo
 * AT&T size suffixes and a few spelling differences). For `alias` rows (e.g. the hint
 * NOPs 0F 19-1E, which objdump shows as MPX bnd* instructions) only the length is
 * checked. Returns the mismatches.
 */
import type { Instance } from "./builder.ts";

const PREFIX_WORDS = new Set([
  "lock",
  "rep",
  "repz",
  "repnz",
  "repe",
  "repne",
  "data16",
  "addr16",
  "data32",
  "addr32",
  "cs",
  "ds",
  "es",
  "fs",
  "gs",
  "ss",
  "bnd",
  "notrack",
]);

/** objdump spellings that differ from the table's canonical names. */
const SYNONYMS: Record<string, string[]> = {
  shl: ["sal"],
  sal: ["shl"],
  int1: ["icebp"],
  xchg: ["nop"],
  nop: ["xchg"],
  pusha: ["pushal", "pushaw"],
  popa: ["popal", "popaw"],
  pushf: ["pushfl", "pushfw"],
  popf: ["popfl", "popfw"],
  jecxz: ["jecxz"],
  xlat: ["xlatb"],
};

function mnemonicOf(text: string): string {
  const words = text.trim().split(/\s+/);
  while (words.length > 1 && PREFIX_WORDS.has(words[0])) words.shift();
  return words[0] ?? "";
}

function matches(names: readonly string[], m: string): boolean {
  const cands = [m, m.replace(/[bwlq]$/, ""), m.replace(/[bwlq][wl]$/, "")];
  for (const n of names) {
    if (cands.includes(n) || cands.includes(n.replace(/b$/, ""))) return true;
    if ((SYNONYMS[n] ?? []).some((s) => cands.includes(s))) return true;
  }
  return false;
}

interface Line {
  addr: number;
  len: number;
  text: string;
}

function parse(out: string): Line[] {
  const lines: Line[] = [];
  for (const l of out.split("\n")) {
    const m = /^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$/.exec(l);
    if (m) lines.push({ addr: parseInt(m[1], 16), len: m[2].trim().split(" ").length, text: m[3] });
  }
  return lines;
}

/** Disassembles the instances with objdump and lists every disagreement. */
export async function checkEncodings(insts: readonly Instance[], dir: string): Promise<string[]> {
  const total = insts.reduce((a, i) => a + i.code.length + 1, 0);
  const blob = new Uint8Array(total);
  const starts: number[] = [];
  let o = 0;
  for (const i of insts) {
    starts.push(o);
    blob.set(i.code, o);
    blob[o + i.code.length] = 0x90; // a separator: fwait must not merge with the next one
    o += i.code.length + 1;
  }
  const path = `${dir}/sample.bin`;
  await Deno.writeFile(path, blob);
  const args = ["-D", "-b", "binary", "-m", "i386", "--insn-width=16", path];
  const r = await new Deno.Command("objdump", { args }).output();
  if (!r.success) throw new Error("objdump failed");
  const lines = parse(new TextDecoder().decode(r.stdout));
  const byAddr = new Map(lines.map((l) => [l.addr, l]));
  const errors: string[] = [];
  insts.forEach((inst, k) => {
    const l = byAddr.get(starts[k]);
    const hex = Array.from(inst.code, (b) => b.toString(16).padStart(2, "0")).join(" ");
    if (!l) errors.push(`${hex}: objdump has no instruction boundary here (${inst.row.text})`);
    else if (l.len !== inst.code.length) {
      errors.push(`${hex}: objdump length ${l.len} "${l.text}" (${inst.row.text})`);
    } else if (!inst.row.attrs.has("alias") && !matches(inst.row.names, mnemonicOf(l.text))) {
      errors.push(`${hex}: objdump says "${l.text}" (${inst.row.text})`);
    }
  });
  return errors;
}
