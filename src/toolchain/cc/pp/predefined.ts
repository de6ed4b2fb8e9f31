/**
 * The predefined macros of denix cc: the target (i386 Linux, ILP32), the C
 * standard level and the gcc-compatible type-size macros that portable headers
 * test. `__GNUC__` is deliberately absent: we are not gcc.
 */

const TABLE: ReadonlyArray<readonly [string, string]> = [
  ["__STDC__", "1"],
  ["__STDC_VERSION__", "201112L"],
  ["__STDC_HOSTED__", "1"],
  ["__STDC_NO_ATOMICS__", "1"],
  ["__STDC_NO_COMPLEX__", "1"],
  ["__STDC_NO_THREADS__", "1"],
  ["__STDC_NO_VLA__", "1"],
  ["__STDC_UTF_16__", "1"],
  ["__STDC_UTF_32__", "1"],
  ["__i386__", "1"],
  ["__i386", "1"],
  ["i386", "1"],
  ["__i686__", "1"],
  ["__linux__", "1"],
  ["__linux", "1"],
  ["linux", "1"],
  ["__unix__", "1"],
  ["__unix", "1"],
  ["unix", "1"],
  ["__gnu_linux__", "1"],
  ["__ELF__", "1"],
  ["__ILP32__", "1"],
  ["_ILP32", "1"],
  ["__denix_cc__", "1"],
  ["__CHAR_BIT__", "8"],
  ["__SIZEOF_SHORT__", "2"],
  ["__SIZEOF_INT__", "4"],
  ["__SIZEOF_LONG__", "4"],
  ["__SIZEOF_LONG_LONG__", "8"],
  ["__SIZEOF_POINTER__", "4"],
  ["__SIZEOF_FLOAT__", "4"],
  ["__SIZEOF_DOUBLE__", "8"],
  ["__SIZEOF_LONG_DOUBLE__", "12"],
  ["__SIZEOF_SIZE_T__", "4"],
  ["__SIZEOF_WCHAR_T__", "4"],
  ["__SIZEOF_WINT_T__", "4"],
  ["__SIZEOF_PTRDIFF_T__", "4"],
  ["__SCHAR_MAX__", "0x7f"],
  ["__SHRT_MAX__", "0x7fff"],
  ["__INT_MAX__", "0x7fffffff"],
  ["__LONG_MAX__", "0x7fffffffL"],
  ["__LONG_LONG_MAX__", "0x7fffffffffffffffLL"],
  ["__WCHAR_MAX__", "0x7fffffffL"],
  ["__SIZE_MAX__", "0xffffffffU"],
  ["__PTRDIFF_MAX__", "0x7fffffff"],
  ["__INTMAX_MAX__", "0x7fffffffffffffffLL"],
  ["__UINTMAX_MAX__", "0xffffffffffffffffULL"],
  ["__INTPTR_MAX__", "0x7fffffff"],
  ["__SIZE_TYPE__", "unsigned int"],
  ["__PTRDIFF_TYPE__", "int"],
  ["__WCHAR_TYPE__", "long int"],
  ["__WINT_TYPE__", "unsigned int"],
  ["__INTMAX_TYPE__", "long long int"],
  ["__UINTMAX_TYPE__", "long long unsigned int"],
  ["__INTPTR_TYPE__", "int"],
  ["__UINTPTR_TYPE__", "unsigned int"],
  ["__CHAR16_TYPE__", "short unsigned int"],
  ["__CHAR32_TYPE__", "unsigned int"],
  ["__ORDER_LITTLE_ENDIAN__", "1234"],
  ["__ORDER_BIG_ENDIAN__", "4321"],
  ["__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__"],
  ["__BIGGEST_ALIGNMENT__", "16"],
  ["__FLT_EVAL_METHOD__", "2"],
];

/** The predefined macros as `#define` lines, plus the user's `-D` definitions. */
export function predefinedSource(defines: Readonly<Record<string, string>>): string {
  const lines = TABLE.map(([n, v]) => `#define ${n} ${v}`);
  for (const [n, v] of Object.entries(defines)) lines.push(`#define ${n} ${v}`);
  return lines.join("\n") + "\n";
}
