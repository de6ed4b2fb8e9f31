/**
 * Test helper: generates the C programs of the printf/scanf conformance
 * tests. Each case becomes one line of C that formats (or scans) a value and
 * prints the result with its return value, so the program's output built
 * against denix libc can be compared line by line with glibc's.
 * Cases are explicit edge cases plus a seeded random sample (deterministic).
 */

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const C_HEADER = `#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
static double mkd(unsigned long long b) { double d; memcpy(&d, &b, 8); return d; }
static long double mkld(unsigned long long m, unsigned short se) {
  long double d = 0; memcpy(&d, &m, 8); memcpy((char *)&d + 8, &se, 2); return d;
}
static char buf[4096];
#define T(...) do { int n_ = snprintf(buf, sizeof buf, __VA_ARGS__); printf("%d [%s]\\n", n_, buf); } while (0)
#define TN(size, ...) do { char s_[64]; memset(s_, '#', sizeof s_); int n_ = snprintf(s_, size, __VA_ARGS__); printf("%d [%.63s]\\n", n_, s_); } while (0)
`;

const INT_FLAGS = ["", "-", "+", " ", "#", "0", "-0", "+0", "#0", "- ", "+ ", "#-", "0#+"];
const WIDTHS = ["", "1", "2", "5", "12", "25", "*"];
const PRECS = ["", ".", ".0", ".1", ".3", ".12", ".30", ".*"];

/** Integer arguments per length modifier: [C type, values]. */
const INT_TYPES: Record<string, [string, readonly string[]]> = {
  "": ["int", ["0", "1", "-1", "7", "42", "-42", "255", "INT_MAX", "INT_MIN", "100000", "-99999"]],
  hh: ["int", ["0", "127", "-128", "255", "256", "-1", "300"]],
  h: ["int", ["0", "32767", "-32768", "65535", "65536", "-1"]],
  l: ["long", ["0L", "LONG_MAX", "LONG_MIN", "-1L", "123456789L"]],
  ll: ["long long", ["0LL", "LLONG_MAX", "LLONG_MIN", "-1LL", "4294967296LL", "1000000000000LL"]],
  j: ["intmax_t", ["(intmax_t)0", "INTMAX_MAX", "INTMAX_MIN", "(intmax_t)-5"]],
  z: ["size_t", ["(size_t)0", "SIZE_MAX", "(size_t)12345"]],
  t: ["ptrdiff_t", ["(ptrdiff_t)0", "(ptrdiff_t)-77", "PTRDIFF_MAX"]],
};

const DOUBLES = [
  "0.0",
  "-0.0",
  "1.0",
  "-1.0",
  "0.5",
  "1.5",
  "2.5",
  "3.5",
  "-2.5",
  "0.125",
  "1.125",
  "1.375",
  "0.1",
  "0.2",
  "0.3",
  "1.0/3",
  "2.0/3",
  "123456.789",
  "1e-5",
  "1e-4",
  "0.0001234",
  "9.5",
  "99.5",
  "0.05",
  "0.15",
  "0.25",
  "0.35",
  "999999.5",
  "9999999.0",
  "1e15",
  "1e16",
  "1e17",
  "1e21",
  "1e22",
  "1e23",
  "1e100",
  "-1e100",
  "1e300",
  "1e308",
  "1.7976931348623157e308",
  "2.2250738585072014e-308",
  "2.225073858507201e-308",
  "4.9406564584124654e-324",
  "5e-310",
  "1e-320",
  "mkd(0x7ff0000000000000ULL)",
  "mkd(0xfff0000000000000ULL)",
  "mkd(0x7ff8000000000000ULL)",
  "mkd(0xfff8000000000000ULL)",
  "3.14159265358979",
  "2.718281828459045",
  "6.02214076e23",
  "1.602176634e-19",
  "0.000999",
  "0.00099999",
  "999.9999",
  "0.95",
  "0.995",
  "9.995",
  "1e-7",
  "123e-310",
  "65536.0",
  "4294967296.0",
  "9007199254740993.0",
  "0.5e-323",
  "1.0e-10",
  "5.0",
  "50.0",
  "500000.0",
  "5e-5",
];
/** Long doubles as bit patterns (mantissa, sign+exponent), so no compiler's constant folding is involved. */
const LONG_DOUBLES = [
  "mkld(0x0000000000000000ULL, 0x0000)", // 0
  "mkld(0x0000000000000000ULL, 0x8000)", // -0
  "mkld(0x8000000000000000ULL, 0x3fff)", // 1
  "mkld(0xcccccccccccccccdULL, 0x3ffb)", // 0.1
  "mkld(0xaaaaaaaaaaaaaaabULL, 0x3ffd)", // 1/3
  "mkld(0xa000000000000000ULL, 0x4000)", // 2.5
  "mkld(0xa7c5ac471b478423ULL, 0x3fee)", // 1e-5
  "mkld(0xbf21e44003acdd2dULL, 0x43e3)", // 1e300
  "mkld(0xd1ba8323fe558c61ULL, 0x73e6)", // 1e4000
  "mkld(0x9c3d73864f3805c0ULL, 0x0c17)", // 1e-4000
  "mkld(0xffffffffffffffffULL, 0x7ffe)", // LDBL_MAX
  "mkld(0x0000000000000001ULL, 0x0000)", // smallest denormal
  "mkld(0xeb79a2a3f35ba6e7ULL, 0x4019)", // 123456789.123456789
  "mkld(0x8000000000000000ULL, 0x3ffe)", // 0.5
];
const FLOAT_CONVS = ["f", "F", "e", "E", "g", "G", "a", "A"];
const FLOAT_FLAGS = ["", "-", "+", " ", "#", "0", "-0", "+0", "#0", "+#", " 0"];
const FLOAT_PRECS = ["", ".0", ".1", ".2", ".3", ".4", ".6", ".10", ".15", ".17", ".20", ".40"];

function quote(s: string): string {
  return JSON.stringify(s);
}

function intCases(r: () => number, out: string[]): void {
  const convs = ["d", "i", "u", "o", "x", "X"];
  for (const [len, [, vals]] of Object.entries(INT_TYPES)) {
    for (const c of convs) for (const v of vals) out.push(`T(${quote(`%${len}${c}`)}, ${v});`);
  }
  for (let i = 0; i < 2500; i++) {
    const len = pick(r, Object.keys(INT_TYPES));
    const [, vals] = INT_TYPES[len]!;
    const w = pick(r, WIDTHS), p = pick(r, PRECS);
    const fmt = `%${pick(r, INT_FLAGS)}${w}${p}${len}${pick(r, convs)}`;
    const args = [
      ...(w === "*" ? [pick(r, ["0", "7", "-9", "20"])] : []),
      ...(p === ".*" ? [pick(r, ["0", "3", "-1", "15"])] : []),
      pick(r, vals),
    ];
    out.push(`T(${quote(fmt)}, ${args.join(", ")});`);
  }
}

function floatCases(r: () => number, out: string[]): void {
  for (const c of FLOAT_CONVS) {
    for (const p of FLOAT_PRECS) {
      for (const v of DOUBLES) out.push(`T(${quote(`%${p}${c}`)}, ${v});`);
    }
  }
  for (let i = 0; i < 3000; i++) {
    const w = pick(r, ["", "1", "8", "15", "30"]);
    const fmt = `%${pick(r, FLOAT_FLAGS)}${w}${pick(r, FLOAT_PRECS)}${pick(r, FLOAT_CONVS)}`;
    out.push(`T(${quote(fmt)}, ${pick(r, DOUBLES)});`);
  }
  for (const c of FLOAT_CONVS) {
    for (const p of ["", ".0", ".3", ".20"]) {
      for (const v of LONG_DOUBLES) out.push(`T(${quote(`%${p}L${c}`)}, ${v});`);
    }
  }
  for (const v of ["1e308", "4.9406564584124654e-324", "1.0/3", "0.1"]) {
    out.push(`T("%.330f", ${v});`, `T("%.800e", ${v});`, `T("%#.0f|%#.0e|%#g", ${v}, ${v}, ${v});`);
  }
  out.push(`T("%.1074f", 4.9406564584124654e-324);`, `T("%400.3f|%-400e|", 2.5, -2.5);`);
  for (let i = 0; i < 1500; i++) {
    const bits = randomBits(r);
    const conv = pick(r, ["%.17g", "%.25e", "%a", "%.3a", "%g", `%.${Math.floor(r() * 40)}f`]);
    out.push(`T(${quote(conv)}, mkd(0x${bits}ULL));`);
  }
}

/** 16 hex digits of a random double whose exponent is spread over the whole range. */
function randomBits(r: () => number): string {
  const hex = (n: number, w: number) => Math.floor(n).toString(16).padStart(w, "0");
  const signExp = hex(r() * 4096, 3);
  return signExp + hex(r() * 0x1000000, 6) + hex(r() * 0x10000000, 7);
}

function otherCases(out: string[]): void {
  const strs = ['""', '"a"', '"hello"', '"hello, world"'];
  for (const f of ["%s", "%10s", "%-10s|", "%.3s", "%10.2s", "%-*s|", "%.*s", "%.0s", "%3s"]) {
    for (const s of strs) {
      const star = f.includes("*") ? "6, " : "";
      out.push(`T(${quote(f)}, ${star}${s});`);
    }
  }
  for (const f of ["%c", "%5c", "%-5c|", "%c%c%c"]) out.push(`T(${quote(f)}, 'x', 'y', 'z');`);
  for (const f of ["%p", "%20p", "%-20p|", "%p"]) out.push(`T(${quote(f)}, (void *)0x1234);`);
  out.push(`T("%p|%10p|%-10p|", (void *)0, (void *)0, (void *)0);`);
  out.push(`T("%s|%.6s|%.5s", (char *)0, (char *)0, (char *)0);`);
  out.push(`T("100%% %5%|%-5%|");`, `T("a%zub", (size_t)5);`);
  out.push(`{ int n1 = 0, n2 = 0; T("abc%n%5d%n", &n1, 7, &n2); printf("%d %d\\n", n1, n2); }`);
  out.push(
    `{ long long n3 = 0; signed char n4 = 0; T("xyz%lln!%hhn", &n3, &n4); printf("%lld %d\\n", n3, n4); }`,
  );
  out.push(
    `T("%2$s %1$d", 5, "x");`,
    `T("%1$*2$.*3$f|%1$-*2$e|", 3.14159, 12, 2);`,
    `T("%3$lld %1$c %2$.3Lf %3$llx", 'q', mkld(0xa000000000000000ULL, 0x4000), 1234567890123LL);`,
    `T("%1$d %1$+d %1$05d %2$s", 7, "again");`,
    `T("%4$hhd %3$hd %2$zu %1$p", (void *)0x10, (size_t)99, 70000, 300);`,
  );
  for (const size of [0, 1, 2, 5, 10]) {
    out.push(`TN(${size}, "%d-%s-%f", 123456, "abcdef", 2.5);`);
  }
}

/** The C source of the printf conformance program. */
export function printfProgram(): string {
  const r = rng(20261122);
  const lines: string[] = [];
  intCases(r, lines);
  floatCases(r, lines);
  otherCases(lines);
  return wrapInFunctions(lines);
}

/** Splits case lines into functions of 200 lines each (keeps each function small for compilers). */
function wrapInFunctions(lines: readonly string[]): string {
  const funcs: string[] = [];
  for (let i = 0; i < lines.length; i += 200) {
    funcs.push(
      `static void part${funcs.length}(void) {\n${lines.slice(i, i + 200).join("\n")}\n}\n`,
    );
  }
  const calls = funcs.map((_, i) => `  part${i}();`).join("\n");
  return `${C_HEADER}\n${funcs.join("\n")}\nint main(void) {\n${calls}\n  return 0;\n}\n`;
}

/** Scanf case: format, input and the C types of the receiving variables. */
interface ScanCase {
  fmt: string;
  input: string;
  types: readonly string[];
}

const SCAN_PRINT: Record<string, string> = {
  "int": "%d",
  "unsigned": "%u",
  "long": "%ld",
  "long long": "%lld",
  "unsigned long long": "%llu",
  "short": "%hd",
  "signed char": "%hhd",
  "float": "%.9g",
  "double": "%a",
  "long double": "%.21Lg",
  "char10": "%s",
  "void*": "%p",
};

function scanCases(r: () => number): ScanCase[] {
  const cases: ScanCase[] = [];
  const ints = [
    "0",
    "42",
    "-42",
    "+17",
    "  99",
    "0x1f",
    "0X1F",
    "077",
    "08",
    "-0",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551615",
    "abc",
    "",
    "   ",
    "12abc",
    "-",
    "+",
    "0x",
    "1e5",
    "  -0x10",
    "0777777777777",
  ];
  const intFmts: Array<[string, string]> = [
    ["%d", "int"],
    ["%i", "int"],
    ["%u", "unsigned"],
    ["%o", "unsigned"],
    ["%x", "unsigned"],
    ["%X", "unsigned"],
    ["%ld", "long"],
    ["%lld", "long long"],
    ["%llu", "unsigned long long"],
    ["%lli", "long long"],
    ["%llx", "unsigned long long"],
    ["%hd", "short"],
    ["%hhd", "signed char"],
    ["%hhu", "signed char"],
    ["%3d", "int"],
    ["%1i", "int"],
    ["%2x", "unsigned"],
    ["%jd", "long long"],
  ];
  for (const [f, t] of intFmts) for (const v of ints) cases.push({ fmt: f, input: v, types: [t] });
  const floats = [
    "0",
    "-0",
    "1",
    "1.5",
    "0.1",
    "-2.5e3",
    "1e308",
    "1e309",
    "4.9e-324",
    "2.4703282292062328e-324",
    "1e-400",
    ".5",
    "5.",
    "inf",
    "-INF",
    "infinity",
    "nan",
    "NaN",
    "0x1.8p3",
    "0x10",
    "0x.8",
    "  3.25xyz",
    "e5",
    "1e",
    "1e+",
    "123456789012345678901234567890",
    "0.30000000000000004",
    "2.2250738585072011e-308",
    "1.18e4932",
    "abc",
    "+.e1",
    "9007199254740993",
  ];
  const floatFmts: Array<[string, string]> = [
    ["%f", "float"],
    ["%lf", "double"],
    ["%Lf", "long double"],
    ["%e", "float"],
    ["%lg", "double"],
    ["%la", "double"],
    ["%4lf", "double"],
    ["%le", "double"],
  ];
  for (const [f, t] of floatFmts) {
    for (const v of floats) cases.push({ fmt: f, input: v, types: [t] });
  }
  const strs: Array<[string, string, string[]]> = [
    ["%s", "hello world", ["char10"]],
    ["%5s", "abcdefgh", ["char10"]],
    ["%s%s", "ab cd", ["char10", "char10"]],
    ["%c", "xyz", ["char10"]],
    ["%3c", "xyz", ["char10"]],
    ["%3c", "xy", ["char10"]],
    ["%c", " x", ["char10"]],
    [" %c", " x", ["char10"]],
    ["%[a-c]", "abcabd", ["char10"]],
    ["%[^,],%s", "one,two", ["char10", "char10"]],
    ["%[]a]", "]a]b", ["char10"]],
    ["%[^]]", "xy]z", ["char10"]],
    ["%2[0-9]", "12345", ["char10"]],
    ["%[a-z]", "ABC", ["char10"]],
    ["%d,%d", "1,2", ["int", "int"]],
    ["%d ,%d", "1 , 2", ["int", "int"]],
    ["%d%%%d", "5%6", ["int", "int"]],
    ["%d %d", "7", ["int", "int"]],
    ["x%d", "y5", ["int"]],
    ["%*d %d", "1 2", ["int"]],
    ["%d%n", "123", ["int", "int"]],
    ["%p", "0x1234", ["void*"]],
    ["%d:%d:%d", "10:20:30", ["int", "int", "int"]],
    ["%s %d %lf", "name 42 3.5", ["char10", "int", "double"]],
    ["%4d%4d", "123456789", ["int", "int"]],
    ["abc", "abd", []],
    ["abc%d", "", ["int"]],
    ["%d", "", ["int"]],
    [" %d", "   ", ["int"]],
    ["%s", "", ["char10"]],
  ];
  for (const [f, i, t] of strs) cases.push({ fmt: f, input: i, types: t });
  for (let k = 0; k < 600; k++) {
    const digits = Array.from({ length: 1 + Math.floor(r() * 25) }, () => Math.floor(r() * 10));
    const point = Math.floor(r() * (digits.length + 1));
    const text = digits.slice(0, point).join("") + "." + digits.slice(point).join("");
    const exp = Math.floor(r() * 660) - 340;
    cases.push({ fmt: "%lf", input: `${text}e${exp}`, types: ["double"] });
  }
  for (let k = 0; k < 400; k++) {
    const [f, t] = pick(r, intFmts);
    const v = pick(r, ints), sep = pick(r, [" ", "  ", "\t", "\n", ","]);
    const [g, u] = pick(r, floatFmts);
    const w = pick(r, floats);
    cases.push({
      fmt: `${f}${sep.trim() ? sep : " "}${g}`,
      input: `${v}${sep}${w}`,
      types: [t, u],
    });
  }
  return cases;
}

function scanLine(c: ScanCase): string {
  const decls = c.types.map((t, i) =>
    t === "char10"
      ? `char v${i}[64] = "-";`
      : t === "void*"
      ? `void *v${i} = 0;`
      : `${t} v${i} = 7;`
  );
  const args = c.types.map((t, i) => (t === "char10" ? `v${i}` : `&v${i}`));
  const fmts = c.types.map((t) => SCAN_PRINT[t]!).join(" ");
  const vals = c.types.map((t, i) => (t === "float" ? `(double)v${i}` : `v${i}`));
  const call = `sscanf(${quote(c.input)}, ${quote(c.fmt)}${args.map((a) => `, ${a}`).join("")})`;
  const print = `printf("%d ${fmts}\\n", n_${vals.map((v) => `, ${v}`).join("")});`;
  return `{ ${decls.join(" ")} int n_ = ${call}; ${print} }`;
}

/** The C source of the scanf conformance program. */
export function scanfProgram(): string {
  return wrapInFunctions(scanCases(rng(7)).map(scanLine));
}

/** A random number-like string: spaces, sign, prefix, digits, maybe a point, exponent and junk. */
function numberText(r: () => number): string {
  const digits = "0123456789abcdefxzXZ";
  let s = pick(r, ["", " ", "\t ", "\n"]) + pick(r, ["", "", "+", "-"]);
  s += pick(r, ["", "", "", "0", "0x", "0X", "00"]);
  const n = Math.floor(r() * 25);
  for (let i = 0; i < n; i++) s += r() < 0.7 ? String(Math.floor(r() * 10)) : pick(r, [...digits]);
  if (r() < 0.3) s += "." + String(Math.floor(r() * 100000));
  if (r() < 0.3) s += pick(r, ["e", "E", "e+", "e-", "p", "p-"]) + String(Math.floor(r() * 400));
  if (r() < 0.2) s += pick(r, ["junk", " 5", "-", "."]);
  return s;
}

/** The C source of the strtol/strtoul/strtoll/strtoull/strtod/atoi fuzz program. */
export function strtoProgram(): string {
  const r = rng(314159);
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = quote(numberText(r));
    const base = pick(r, [0, 0, 10, 16, 8, 2, 36, 7]);
    lines.push(`S(${s}, ${base});`);
  }
  const header = `#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
static void S(const char *s, int base) {
  char *e1, *e2, *e3, *e4, *e5;
  errno = 0; long a = strtol(s, &e1, base); int x1 = errno;
  errno = 0; unsigned long b = strtoul(s, &e2, base); int x2 = errno;
  errno = 0; long long c = strtoll(s, &e3, base); int x3 = errno;
  errno = 0; unsigned long long d = strtoull(s, &e4, base); int x4 = errno;
  errno = 0; double f = strtod(s, &e5); int x5 = errno;
  printf("%ld %d %d|%lu %d %d|%lld %d %d|%llu %d %d|%a %d %d|%d\\n", a, x1, (int)(e1 - s), b, x2,
         (int)(e2 - s), c, x3, (int)(e3 - s), d, x4, (int)(e4 - s), f, x5, (int)(e5 - s), atoi(s));
}
`;
  return header + wrapInFunctions(lines).replace(C_HEADER, "");
}
