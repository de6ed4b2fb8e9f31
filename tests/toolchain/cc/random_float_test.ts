/**
 * Differential test of x87 code: random (fixed-seed) expressions mixing float,
 * double, long double and integer variables (+ - * /, casts, comparisons,
 * ?:, integer <-> floating conversions, assignments, calls) must give
 * bit-identical results to gcc -m32 -O0, including its excess-precision
 * rules (temporaries in 80 bits; stores and float casts round). Division by
 * zero is guarded; float -> int conversions are clamped to stay defined.
 */
import { assertSameAsGcc, inTempDir, pick as choose, rng } from "./_differential.ts";
import { hasGcc32, NO_GCC } from "./_host.ts";

const VARS: ReadonlyArray<readonly [string, string]> = [
  ["f0", "float"],
  ["f1", "float"],
  ["d0", "double"],
  ["d1", "double"],
  ["d2", "double"],
  ["l0", "long double"],
  ["i0", "int"],
  ["u0", "unsigned"],
  ["s0", "short"],
  ["c0", "signed char"],
  ["q0", "long long"],
];
const INTEGRAL = new Set(["int", "unsigned", "short", "signed char", "long long"]);

function program(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => choose(r, a);
  const lit = () =>
    pick(["0.5", "1.25f", "-3.75", "1e10", "1e-3", "0.1", "3", "-7", "2.5L", "100000.125"]);
  const expr = (d: number): string => {
    if (d <= 0 || r() < 0.25) return r() < 0.7 ? pick(VARS)[0] : `(${lit()})`;
    const k = r();
    const a = expr(d - 1), b = expr(d - 1);
    if (k < 0.5) return `(${a} ${pick(["+", "-", "*"])} ${b})`;
    if (k < 0.6) return `(${a} / ((${b}) == 0 ? 1.5 : (${b})))`;
    if (k < 0.72) return `((${pick(["float", "double", "long double"])})${a})`;
    if (k < 0.8) return `(${a} ${pick(["<", ">", "<=", ">=", "==", "!="])} ${b})`;
    if (k < 0.88) return `(${a} ? ${b} : ${expr(d - 1)})`;
    if (k < 0.94) return `(-${a})`;
    return `clampi(${a})`;
  };
  const lines = [
    "int printf(const char *, ...);",
    "static int clampi(long double x) { return x > 1e6 ? 1000000 : x < -1e6 ? -1000000 : x != x ? 7 : (int)x; }",
    "static double sink(double x) { return x; }",
    `static long double body(${VARS.map(([n, t]) => `${t} ${n}`).join(", ")}) {`,
    "  long double h = 0;",
  ];
  for (let i = 0; i < count; i++) {
    const [name, type] = pick(VARS);
    if (r() < 0.4) {
      lines.push(`  ${name} = ${INTEGRAL.has(type) ? `clampi(${expr(3)})` : expr(3)};`);
    }
    const e = expr(3);
    lines.push(`  h = h * 0.5L + clampi(${e}) + sink(${e}) * 1e-9;`);
    lines.push(`  printf("%d %.17Lg %.9g %.17g %.17Lg\\n", ${i}, h, (double)f0, d1, l0);`);
  }
  lines.push("  return h;", "}", "int main(void) {");
  lines.push(
    "  long double h = body(1.5f, -2.25f, 0.1, 1e5, -3.5, 2.5L, 7, 3000000000u, -12, -5, -40000000000LL);",
  );
  lines.push('  printf("%.17Lg\\n", h);', "  return 0;", "}");
  return lines.join("\n") + "\n";
}

Deno.test({
  name: `random floating expressions are bit-identical to gcc -O0${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  fn: () =>
    inTempDir(
      "denix-cc-rflt-",
      (dir) =>
        Promise.all([1, 2, 3, 4, 5, 6].map((s) => assertSameAsGcc(dir, `f${s}`, program(s, 120))))
          .then(() => {}),
    ),
});
