/**
 * The instruction corpus: every line recorded by gen_corpus.ts (GNU as's bytes and
 * relocations for every opcode-table row and operand form, branch relaxation,
 * prefixes, expressions and directives) must assemble to exactly the same bytes and
 * relocations with our assembler. Needs no GNU tools.
 */

import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import {
  AsmError,
  assemble,
  formatDiagnostic,
  type ObjectFile,
  type ObjSection,
} from "../../../src/toolchain/as/mod.ts";

type Record = [string, string, [number, number, string][]];

const fixture = JSON.parse(
  new TextDecoder().decode(
    gunzipSync(await Deno.readFile(new URL("../../fixtures/as/corpus.json.gz", import.meta.url))),
  ),
) as { prelude: string; records: Record[] };

function source(records: readonly Record[]): string {
  return fixture.prelude +
    records.map(([line], i) => `.section .c${i},"ax",@progbits\n${line}\n`).join("");
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function relocsOf(obj: ObjectFile, s: ObjSection): [number, number, string][] {
  return s.relocs.map((r) => [r.offset, r.type, r.symbol < 0 ? "" : obj.symbols[r.symbol].name]);
}

Deno.test("assemble() matches GNU as byte for byte on the instruction corpus", () => {
  const { records } = fixture;
  let obj: ObjectFile;
  try {
    obj = assemble(source(records), { fileName: "corpus.s" });
  } catch (e) {
    if (!(e instanceof AsmError)) throw e;
    const pre = fixture.prelude.split("\n").length - 1;
    const msgs = e.diagnostics.slice(0, 30).map((d) => {
      const rec = records[Math.floor((d.line - pre - 1) / 2)];
      return `${formatDiagnostic(d)}   [${rec?.[0]}]`;
    });
    throw new Error(`${e.diagnostics.length} diagnostics:\n${msgs.join("\n")}`);
  }
  const bad: string[] = [];
  const byName = new Map(obj.sections.map((s) => [s.name, s]));
  records.forEach(([line, want, relocs], i) => {
    const s = byName.get(`.c${i}`);
    const got = s ? hex(s.bytes) : "<missing>";
    if (got !== want) bad.push(`${line}\n    want ${want}\n    got  ${got}`);
    else if (JSON.stringify(relocsOf(obj, s!)) !== JSON.stringify(relocs)) {
      const got = JSON.stringify(relocsOf(obj, s!));
      bad.push(`${line}\n    relocs want ${JSON.stringify(relocs)}\n    got ${got}`);
    }
  });
  if (bad.length) console.log(summary(bad));
  assert.equal(
    bad.length,
    0,
    `${bad.length} of ${records.length} lines differ:\n${bad.slice(0, 40).join("\n")}`,
  );
});

/** Failing mnemonics with counts, for a quick overview. */
function summary(bad: string[]): string {
  const counts = new Map<string, number>();
  for (const b of bad) {
    const m = b.split(/\s/)[0];
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return [...counts].map(([m, n]) => `${m}:${n}`).join(" ");
}
