/**
 * Differential test: randomly generated (fixed-seed) integer expressions over
 * all integer types, mixing promotions, usual arithmetic conversions, casts,
 * shifts, division, comparisons, ?: and compound assignments (as separate
 * statements, so nothing is unsequenced), compiled by denix cc and by
 * gcc -m32 -O0; both programs must print the same values. Division by zero,
 * INT_MIN / -1 and oversized shifts are guarded so no expression is undefined
 * (signed overflow wraps identically at -O0 on both).
 */
import { assertSameAsGcc, inTempDir, pick as choose, rng } from "./_differential.ts";
import { hasGcc32, NO_GCC } from "./_host.ts";

const TYPES = [
  "signed char",
  "unsigned char",
  "short",
  "unsigned short",
  "int",
  "unsigned",
  "long",
  "unsigned long",
  "long long",
  "unsigned long long",
  "_Bool",
];
const BIN = ["+", "-", "*", "&", "|", "^", "<", ">", "<=", ">=", "==", "!=", "&&", "||"];

function program(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => choose(r, a);
  const vars = TYPES.map((t, i) => ({ name: `v${i}`, type: t }));
  const lit = () =>
    pick([
      "0",
      "1",
      "-1",
      "7",
      "255",
      "-128",
      "65535",
      "0x7fffffff",
      "0x80000000u",
      "-2147483647 - 1",
      "3000000000u",
      "0x123456789LL",
      "-5LL",
      "0xffffffffffffffffULL",
    ]);
  const expr = (depth: number): string => {
    if (depth <= 0 || r() < 0.2) return r() < 0.7 ? pick(vars).name : `(${lit()})`;
    const k = r();
    const a = expr(depth - 1), b = expr(depth - 1);
    if (k < 0.45) return `(${a} ${pick(BIN)} ${b})`;
    if (k < 0.55) {
      return `(${
        pick(["/", "%"])[0] === "/" ? `${a} / ` : `${a} % `
      }((${b}) == 0 || (${b}) == -1 ? 3 : (${b})))`;
    }
    if (k < 0.65) return `(${a} ${pick(["<<", ">>"])} ((${b}) & 7))`;
    if (k < 0.8) return `((${pick(TYPES)})${a})`;
    if (k < 0.88) return `(${a} ? ${b} : ${expr(depth - 1)})`;
    return `(${pick(["-", "~", "!"])}${a})`;
  };
  const inits = [
    "-3",
    "200",
    "-30000",
    "60000",
    "123456789",
    "4000000000u",
    "-7",
    "99",
    "-1234567890123LL",
    "0xfedcba9876543210ULL",
    "1",
  ];
  // The expressions run in a function whose parameters shadow the globals, plus locals,
  // so register-allocated variables are exercised as well as memory ones.
  const locals = [{ name: "l0", type: "int" }, { name: "l1", type: "unsigned" }, {
    name: "l2",
    type: "long",
  }];
  vars.push(...locals);
  const lines = [
    "int printf(const char *, ...);",
    ...TYPES.map((t, i) => `static ${t} g${i} = (${t})${inits[i]};`),
    `static unsigned long long body(${TYPES.map((t, i) => `${t} v${i}`).join(", ")}) {`,
    "  unsigned long long h = 0;",
    "  int l0 = v4 - 5; unsigned l1 = v5 + 3; long l2 = v6 * 3;",
  ];
  for (let i = 0; i < count; i++) {
    if (r() < 0.3) {
      lines.push(
        `  ${pick(vars).name} ${pick(["=", "+=", "-=", "*=", "^=", "|=", "&=", "<<="])} ${
          expr(3)
        } & 15;`,
      );
    }
    lines.push(`  h = h * 1000003u + (unsigned long long)(${expr(4)});`);
    if (i % 25 === 24) lines.push(`  printf("%d %llx\\n", ${i}, h);`);
  }
  lines.push("  return h;", "}", "int main(void) {");
  lines.push(`  unsigned long long h = body(${TYPES.map((_, i) => `g${i}`).join(", ")});`);
  lines.push(`  printf("%llx\\n", h);`, "  return (int)(h & 0x7f);", "}");
  return lines.join("\n") + "\n";
}

Deno.test({
  name: `random integer expressions evaluate as with gcc -O0${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  fn: () =>
    inTempDir(
      "denix-cc-rand-",
      (dir) =>
        Promise.all(
          [1, 2, 3, 4, 5, 6, 7, 8].map((s) => assertSameAsGcc(dir, `r${s}`, program(s, 250))),
        ).then(() => {}),
    ),
});
