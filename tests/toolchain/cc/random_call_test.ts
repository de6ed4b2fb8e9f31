/**
 * Differential test of calls: random (fixed-seed) functions with mixed
 * parameter and return types (char, short, int, unsigned, long long, float,
 * double, long double, small and large structs), called directly, through
 * function pointers and with variadic arguments, nested as arguments of
 * each other; results must match gcc -m32 -O0.
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
  "long long",
  "unsigned long long",
  "float",
  "double",
  "long double",
  "struct sm",
  "struct bg",
];
const SCALAR_FMT = (t: string, e: string) =>
  t === "struct sm"
    ? `(${e}).a + (${e}).b`
    : t === "struct bg"
    ? `(${e}).x[0] + (${e}).x[4] + (${e}).d`
    : `(${e})`;

function program(seed: number, nfuncs: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => choose(r, a);
  const sigs = Array.from({ length: nfuncs }, (_, i) => ({
    name: `fn${i}`,
    ret: pick(TYPES),
    params: Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(TYPES)),
  }));
  const value = (t: string, depth: number, upTo: number): string => {
    const callable = sigs.slice(0, upTo).filter((s) => s.ret === t);
    if (depth > 0 && callable.length && r() < 0.4) {
      const s = pick(callable);
      return `${s.name}(${s.params.map((p) => value(p, depth - 1, upTo)).join(", ")})`;
    }
    if (t === "struct sm") return `mksm(${Math.floor(r() * 200) - 100}, ${Math.floor(r() * 9)})`;
    if (t === "struct bg") return `mkbg(${Math.floor(r() * 1000)}, ${(r() * 10).toFixed(3)})`;
    return `(${t})(${
      pick(["-7", "3", "1000", "-129", "65537", "2.75", "-0.5", "123456789", "4000000000u"])
    })`;
  };
  const lines = [
    "int printf(const char *, ...);",
    "#include <stdarg.h>",
    "struct sm { short a; signed char b; };",
    "struct bg { long long x[5]; double d; };",
    "static struct sm mksm(int a, int b) { struct sm s = { (short)a, (signed char)b }; return s; }",
    "static struct bg mkbg(int k, double d) { struct bg g = { { k, k * 2, k * 3, -k, 7 }, d }; return g; }",
    "static double vsum(int n, ...) { va_list ap; va_start(ap, n); double s = 0;",
    "  for (int i = 0; i < n; i++) s += (i & 1) ? va_arg(ap, double) : va_arg(ap, long long);",
    "  va_end(ap); return s; }",
  ];
  sigs.forEach((s, i) => {
    const ps = s.params.map((p, j) => `${p} p${j}`).join(", ");
    const acc = s.params.map((p, j) => SCALAR_FMT(p, `p${j}`)).join(" + ");
    lines.push(`static ${s.ret} ${s.name}(${ps}) {`);
    lines.push(`  long double acc = ${acc};`);
    if (s.ret === "struct sm") lines.push(`  return mksm((int)acc % 1000, ${i});`);
    else if (s.ret === "struct bg") {
      lines.push(`  return mkbg((int)acc % 100000, (double)acc / 8);`);
    } else if (["float", "double", "long double"].includes(s.ret)) lines.push(`  return acc / 3;`);
    else lines.push(`  return (${s.ret})(long long)(acc > 1e15 || acc < -1e15 ? 99 : acc);`);
    lines.push("}");
  });
  lines.push("int main(void) {");
  sigs.forEach((s, i) => {
    const call = value(s.ret, 3, sigs.length);
    const v = `(long double)(${SCALAR_FMT(s.ret, call)})`;
    lines.push(`  printf("%d %.17Lg\\n", ${i}, ${v});`);
    lines.push(
      `  { ${s.ret} (*fp)(${
        s.params.join(", ")
      }) = ${s.name}; printf("p %.17Lg\\n", (long double)(${
        SCALAR_FMT(s.ret, `fp(${s.params.map((p) => value(p, 1, i)).join(", ")})`)
      })); }`,
    );
  });
  lines.push(
    `  printf("%.17g\\n", vsum(4, 5LL, 2.5, -9LL, (double)${value("double", 2, sigs.length)}));`,
  );
  lines.push("  return 0;", "}");
  return lines.join("\n") + "\n";
}

Deno.test({
  name: `random calls with mixed argument and result types match gcc -O0${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  fn: () =>
    inTempDir(
      "denix-cc-rcall-",
      (dir) =>
        Promise.all([1, 2, 3, 4, 5, 6].map((s) => assertSameAsGcc(dir, `k${s}`, program(s, 24))))
          .then(() => {}),
    ),
});
