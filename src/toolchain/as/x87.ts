/**
 * x87 FPU rows, in the opcode-table row syntax of `src/machine/cpu/opcodes.ts`.
 *
 * LOCAL STOPGAP: the shared table has only the x87 control subset the CPU executes
 * (fninit, fnclex, fldcw, fnstcw, fnstsw); the rest of the x87 raises #NM there. The
 * C compiler and gcc emit float code, so the assembler needs these encodings now.
 * They belong in the shared table; until the lead moves them there, they live here and
 * the encoder treats them exactly like shared rows. Rows also in the shared table are
 * not repeated. Checked against GNU as by the instruction corpus.
 *
 * AT&T names carry the operand size (flds/fldl/fldt, filds/fildl/fildll), so every
 * row is `nosuffix`. Extra operand specs: `ST` = %st(0), `STi` = %st(i) encoded in the
 * low 3 bits of the last opcode byte (`+r`). GNU AT&T keeps the D8 ModRM digit for the
 * DC/DE register forms (`fsub %st,%st(2)` → dc e2, Intel's fsubr): reproduced here.
 */

const h = (n: number) => n.toString(16).toUpperCase().padStart(2, "0");

const ARITH = ["add", "mul", "com", "comp", "sub", "subr", "div", "divr"];

function arithRows(): string[] {
  return ARITH.flatMap((op, n) => {
    const rows = [
      `D8 /${n} | f${op}s | M`,
      `DC /${n} | f${op}l | M`,
      `DA /${n} | fi${op}l | M`,
      `DE /${n} | fi${op}s | M`,
    ];
    if (op === "com" || op === "comp") return rows;
    const r = h(0xc0 + 8 * n);
    return [
      ...rows,
      `D8 ${r}+r | f${op} | ST,STi`,
      `DC ${r}+r | f${op} | STi,ST`,
      `D8 ${r}+r | f${op} | STi`,
      `DE ${r}+r | f${op}p | STi,ST`,
      `DE ${r}+r | f${op}p | STi`,
      `DE ${h(0xc1 + 8 * n)} | f${op}p | `,
    ];
  });
}

const NO_OPERANDS: Readonly<Record<string, number>> = {
  fnop: 0xd0,
  fchs: 0xe0,
  fabs: 0xe1,
  ftst: 0xe4,
  fxam: 0xe5,
  fld1: 0xe8,
  fldl2t: 0xe9,
  fldl2e: 0xea,
  fldpi: 0xeb,
  fldlg2: 0xec,
  fldln2: 0xed,
  fldz: 0xee,
  f2xm1: 0xf0,
  fyl2x: 0xf1,
  fptan: 0xf2,
  fpatan: 0xf3,
  fxtract: 0xf4,
  fprem1: 0xf5,
  fdecstp: 0xf6,
  fincstp: 0xf7,
  fprem: 0xf8,
  fyl2xp1: 0xf9,
  fsqrt: 0xfa,
  fsincos: 0xfb,
  frndint: 0xfc,
  fscale: 0xfd,
  fsin: 0xfe,
  fcos: 0xff,
};

/** Register-pair rows: name, first byte, base of the second byte, operand forms. */
const PAIRS: readonly [string, number, number, string[]][] = [
  ["fld", 0xd9, 0xc0, ["STi"]],
  ["fst", 0xdd, 0xd0, ["STi"]],
  ["fstp", 0xdd, 0xd8, ["STi"]],
  ["fxch", 0xd9, 0xc8, ["STi"]],
  ["fcom", 0xd8, 0xd0, ["STi"]],
  ["fcomp", 0xd8, 0xd8, ["STi"]],
  ["fucom", 0xdd, 0xe0, ["STi"]],
  ["fucomp", 0xdd, 0xe8, ["STi"]],
  ["ffree", 0xdd, 0xc0, ["STi"]],
  ["ffreep", 0xdf, 0xc0, ["STi"]],
  ["fcomi", 0xdb, 0xf0, ["ST,STi", "STi"]],
  ["fcomip", 0xdf, 0xf0, ["ST,STi", "STi"]],
  ["fucomi", 0xdb, 0xe8, ["ST,STi", "STi"]],
  ["fucomip", 0xdf, 0xe8, ["ST,STi", "STi"]],
  ["fcmovb", 0xda, 0xc0, ["ST,STi"]],
  ["fcmove", 0xda, 0xc8, ["ST,STi"]],
  ["fcmovbe", 0xda, 0xd0, ["ST,STi"]],
  ["fcmovu", 0xda, 0xd8, ["ST,STi"]],
  ["fcmovnb", 0xdb, 0xc0, ["ST,STi"]],
  ["fcmovne", 0xdb, 0xc8, ["ST,STi"]],
  ["fcmovnbe", 0xdb, 0xd0, ["ST,STi"]],
  ["fcmovnu", 0xdb, 0xd8, ["ST,STi"]],
];

/** The x87 rows (see header). */
export const X87_ROWS: readonly string[] = [
  "D9 /0 | flds | M",
  "DD /0 | fldl | M",
  "DB /5 | fldt | M",
  "D9 /2 | fsts | M",
  "DD /2 | fstl | M",
  "D9 /3 | fstps | M",
  "DD /3 | fstpl | M",
  "DB /7 | fstpt | M",
  "DF /0 | filds | M",
  "DB /0 | fildl | M",
  "DF /5 | fildll/fildq | M",
  "DF /2 | fists | M",
  "DB /2 | fistl | M",
  "DF /3 | fistps | M",
  "DB /3 | fistpl | M",
  "DF /7 | fistpll/fistpq | M",
  "DF /1 | fisttps | M",
  "DB /1 | fisttpl | M",
  "DD /1 | fisttpll/fisttpq | M",
  "DF /4 | fbld | M",
  "DF /6 | fbstp | M",
  "D9 /4 | fldenv | M",
  "D9 /6 | fnstenv | M",
  "9B D9 /6 | fstenv | M",
  "DD /4 | frstor | M",
  "DD /6 | fnsave | M",
  "9B DD /6 | fsave | M",
  "9B D9 /7 | fstcw | M",
  "9B DD /7 | fstsw | M",
  "9B DF E0 | fstsw | AX",
  "9B DB E3 | finit | ",
  "9B DB E2 | fclex | ",
  "DE D9 | fcompp | ",
  "DA E9 | fucompp | ",
  "D9 C9 | fxch | ",
  "D8 D1 | fcom | ",
  "D8 D9 | fcomp | ",
  "DD E1 | fucom | ",
  "DD E9 | fucomp | ",
  ...arithRows(),
  ...PAIRS.flatMap(([n, b0, b1, forms]) => forms.map((f) => `${h(b0)} ${h(b1)}+r | ${n} | ${f}`)),
  ...Object.entries(NO_OPERANDS).map(([n, b]) => `D9 ${h(b)} | ${n} | `),
].map((r) => `${r} | nosuffix`);
