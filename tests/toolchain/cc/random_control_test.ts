/**
 * Differential test of control flow: random (fixed-seed) nests of if/else,
 * for/while/do loops with break and continue, switch with fallthrough and
 * default, forward gotos, and short-circuit conditions with side effects,
 * compared with gcc -m32 -O0 statement by statement.
 */
import { assertSameAsGcc, inTempDir, pick as choose, rng } from "./_differential.ts";
import { hasGcc32, NO_GCC } from "./_host.ts";

function program(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => choose(r, a);
  const V = ["a", "b", "c", "d", "e", "u", "ll", "ch"];
  let labels = 0;
  const cond = (d: number): string => {
    const k = r();
    if (d <= 0 || k < 0.35) {
      return `(${pick(V)} ${pick(["<", ">", "==", "!=", "<=", ">="])} ${
        pick(["0", "3", "-2", pick(V)])
      })`;
    }
    if (k < 0.55) return `(${cond(d - 1)} && ${cond(d - 1)})`;
    if (k < 0.75) return `(${cond(d - 1)} || ${cond(d - 1)})`;
    if (k < 0.85) return `!${cond(d - 1)}`;
    return `(${pick(V)}${pick(["++", "--"])} ${pick(["<", ">", "!="])} ${pick(["1", "5", "-1"])})`;
  };
  const simple = (): string =>
    pick([
      `${pick(V)} += ${pick(["1", "2", "-3", pick(V)])};`,
      `${pick(V)} ^= ${pick(V)} & 7;`,
      `h = h * 31 + ${pick(V)};`,
      `${pick(V)} = ${cond(2)} ? ${pick(V)} : ${pick(["7", "-1", pick(V)])};`,
      `h += (${cond(2)});`,
      `${pick(V)}--;`,
    ]);
  const stmt = (d: number): string => {
    const k = r();
    if (d <= 0 || k < 0.35) return simple();
    if (k < 0.5) return `if (${cond(2)}) { ${stmt(d - 1)} } else { ${stmt(d - 1)} }`;
    if (k < 0.62) {
      return `for (int i${d} = 0; i${d} < ${pick(["3", "4", "5"])}; i${d}++) { ${stmt(d - 1)} if (${
        cond(1)
      }) ${pick(["break;", "continue;", "h++;"])} ${stmt(d - 1)} }`;
    }
    if (k < 0.7) {
      return `{ int w${d} = ${pick(["3", "2"])}; while (w${d}-- > 0) { ${stmt(d - 1)} if (${
        cond(1)
      }) break; } }`;
    }
    if (k < 0.78) {
      return `{ int w${d} = 0; do { ${stmt(d - 1)} } while (++w${d} < ${pick(["2", "3"])} && ${
        cond(1)
      }); }`;
    }
    if (k < 0.9) {
      const cases = [0, 1, 2, 3, 5, 8].filter(() => r() < 0.6);
      const body = cases.map((c) => `case ${c}: ${stmt(d - 1)} ${r() < 0.5 ? "break;" : ""}`).join(
        " ",
      );
      return `switch ((${pick(V)}) & 7) { ${body} default: ${stmt(d - 1)} }`;
    }
    const l = `L${labels++}`;
    return `if (${cond(1)}) goto ${l}; ${stmt(d - 1)} ${l}: h ^= 5;`;
  };
  const lines = [
    "int printf(const char *, ...);",
    "static unsigned long long body(int a, int b, int c, int d, int e, unsigned u, long long ll, signed char ch) {",
    "  unsigned long long h = 0;",
  ];
  for (let i = 0; i < count; i++) {
    lines.push("  " + stmt(3));
    lines.push(
      `  printf("%d %llx %d %d %d %d %d %u %lld %d\\n", ${i}, h, a, b, c, d, e, u, ll, ch);`,
    );
  }
  lines.push(
    "  return h;",
    "}",
    'int main(void) { printf("%llx\\n", body(1, -2, 3, 40, -50, 6u, -7LL, 100)); return 0; }',
  );
  return lines.join("\n") + "\n";
}

Deno.test({
  name: `random control flow behaves as with gcc -O0${hasGcc32 ? "" : ` (skipped: ${NO_GCC})`}`,
  ignore: !hasGcc32,
  fn: () =>
    inTempDir(
      "denix-cc-rctl-",
      (dir) =>
        Promise.all(
          [1, 2, 3, 4, 5, 6, 7, 8].map((s) => assertSameAsGcc(dir, `c${s}`, program(s, 60))),
        ).then(() => {}),
    ),
});
