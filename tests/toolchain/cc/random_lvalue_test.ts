/**
 * Differential test of lvalue code: random (fixed-seed) statements over
 * struct arrays (global and local), struct pointers, int pointers,
 * bit-fields and register-allocated ints: member and element stores,
 * compound assignments, pre/post increments, struct copies and pointer
 * comparisons, compared with gcc -m32 -O0. Indices are masked and pointers
 * kept in bounds, so nothing is undefined.
 */
import { assertSameAsGcc, inTempDir, pick as choose, rng } from "./_differential.ts";
import { hasGcc32, NO_GCC } from "./_host.ts";

function program(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => choose(r, a);
  const ints = ["i", "j", "k", "n"];
  const idx = () => `(${pick(ints)} & 3)`;
  const lv = (): string =>
    pick([
      `gs[${idx()}].a`,
      `gs[${idx()}].b`,
      `gs[${idx()}].c`,
      `gs[${idx()}].d`,
      `gs[${idx()}].arr[${idx()}]`,
      `ls[${idx()}].a`,
      `ls[${idx()}].arr[${idx()}]`,
      `p->a`,
      `p->b`,
      `p->c`,
      `p->arr[${idx()}]`,
      `p[${pick(["0", "1"])}].d`,
      `*q`,
      `q[${pick(["0", "1", "2"])}]`,
      `ga[${idx()}]`,
      `la[${idx()}]`,
      `i`,
      `j`,
      `k`,
      `n`,
      `bf.x`,
      `bf.y`,
      `pb->y`,
    ]);
  const expr = (d: number): string => {
    if (d <= 0 || r() < 0.3) return r() < 0.75 ? lv() : pick(["1", "7", "-3", "100", "0x7f"]);
    const k = r();
    if (k < 0.45) {
      return `(${expr(d - 1)} ${pick(["+", "-", "*", "&", "|", "^", "<", "=="])} ${expr(d - 1)})`;
    }
    if (k < 0.5) return `(${expr(d - 1)} >> (${expr(d - 1)} & 15))`;
    if (k < 0.6) return `(${expr(d - 1)} ? ${expr(d - 1)} : ${expr(d - 1)})`;
    if (k < 0.7) {
      return `((${pick(["char", "unsigned char", "short", "int", "long long", "unsigned"])})${
        expr(d - 1)
      })`;
    }
    if (k < 0.8) {
      return `(${pick(["p", "q"])} == ${pick(["&gs[1]", "&ls[2]", "0", "p", "&ga[1]"])})`;
    }
    return `${expr(d - 1)}`;
  };
  const stmt = (): string => {
    const k = r();
    if (k < 0.35) return `${lv()} ${pick(["=", "+=", "-=", "^=", "|=", "*="])} ${expr(2)};`;
    if (k < 0.5) return `h = h * 31 + (${lv()}${pick(["++", "--"])});`;
    if (k < 0.6) return `h = h * 31 + (${pick(["++", "--"])}${lv()});`;
    if (k < 0.7) {
      return `p = &${pick(["gs", "ls"])}[(${pick(ints)} & 1) + 1]; q = &p->arr[${
        pick(["0", "1"])
      }];`;
    }
    if (k < 0.75) return `q = &${pick(["ga", "la"])}[${pick(["0", "1"])}];`;
    if (k < 0.8) return `pb = ${pick(["&bf", "&lbf"])};`;
    if (k < 0.85) {
      return `{ struct S tmp = ${pick(["gs", "ls"])}[${idx()}]; ${
        pick(["gs", "ls"])
      }[${idx()}] = tmp; h += tmp.a; }`;
    }
    return `h = h * 1000003 + (unsigned long long)(${expr(3)});`;
  };
  const lines = [
    "int printf(const char *, ...);",
    "struct S { int a; short b; unsigned char c; long long d; int arr[4]; };",
    "struct B { unsigned x : 5; signed y : 11; };",
    "static struct S gs[4] = { { 1, 2, 3, 4, { 5, 6, 7, 8 } }, { -1, -2, 200, -4 } };",
    "static int ga[6] = { 10, 20, 30, 40, 50, 60 };",
    "static struct B bf = { 3, -100 };",
    "static unsigned long long run(int i, int j) {",
    "  struct S ls[4] = { { 9, 8, 7, 6, { 5, 4, 3, 2 } } };",
    "  int la[6] = { 1, 2, 3, 4, 5, 6 };",
    "  struct B lbf = { 7, 300 }, *pb = &bf;",
    "  struct S *p = &ls[1];",
    "  int *q = &la[1];",
    "  int k = 3, n = -2;",
    "  unsigned long long h = 0;",
  ];
  for (let s = 0; s < count; s++) {
    lines.push("  " + stmt());
    if (s % 10 === 9) lines.push(`  printf("%d %llx %d %d %d %d\\n", ${s}, h, i, j, k, n);`);
  }
  lines.push(
    "  for (int x = 0; x < 4; x++) h = h * 7 + gs[x].a + ls[x].b + gs[x].c + ls[x].d + gs[x].arr[x] + ls[x].arr[3 - x];",
  );
  lines.push("  for (int x = 0; x < 6; x++) h = h * 3 + ga[x] + la[x];");
  lines.push("  return h + bf.x + bf.y + lbf.x + lbf.y;", "}");
  lines.push('int main(void) { printf("%llx\\n", run(1, 2)); return 0; }');
  return lines.join("\n") + "\n";
}

Deno.test({
  name: `random struct, pointer and bit-field statements match gcc -O0${
    hasGcc32 ? "" : ` (skipped: ${NO_GCC})`
  }`,
  ignore: !hasGcc32,
  fn: () =>
    inTempDir(
      "denix-cc-rlv-",
      (dir) =>
        Promise.all(
          [1, 2, 3, 4, 5, 6, 7, 8].map((s) => assertSameAsGcc(dir, `p${s}`, program(s, 200))),
        ).then(() => {}),
    ),
});
