/**
 * The compiler's own headers (the freestanding part of C11 7.1.2: stdarg.h,
 * stddef.h, stdbool.h, stdint.h, limits.h, float.h, stdalign.h, stdnoreturn.h,
 * iso646.h), embedded as text so a single denix executable needs no files.
 * They are searched after every -I and system directory.
 */

const STDARG = `#ifndef __STDARG_H
#define __STDARG_H
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(d, s) __builtin_va_copy(d, s)
#endif
`;

const STDDEF = `#ifndef __STDDEF_H
#define __STDDEF_H
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;
typedef struct { long long __ll; long double __ld; } max_align_t;
#define NULL ((void *)0)
#define offsetof(type, member) ((size_t)&((type *)0)->member)
#endif
`;

const STDBOOL = `#ifndef __STDBOOL_H
#define __STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1
#endif
`;

const STDINT = `#ifndef __STDINT_H
#define __STDINT_H
typedef signed char int8_t; typedef short int16_t; typedef int int32_t; typedef long long int64_t;
typedef unsigned char uint8_t; typedef unsigned short uint16_t; typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef int8_t int_least8_t; typedef int16_t int_least16_t; typedef int32_t int_least32_t;
typedef int64_t int_least64_t; typedef uint8_t uint_least8_t; typedef uint16_t uint_least16_t;
typedef uint32_t uint_least32_t; typedef uint64_t uint_least64_t;
typedef int8_t int_fast8_t; typedef int int_fast16_t; typedef int int_fast32_t;
typedef int64_t int_fast64_t; typedef uint8_t uint_fast8_t; typedef unsigned uint_fast16_t;
typedef unsigned uint_fast32_t; typedef uint64_t uint_fast64_t;
typedef int intptr_t; typedef unsigned int uintptr_t;
typedef long long intmax_t; typedef unsigned long long uintmax_t;
#define INT8_MIN (-128)
#define INT16_MIN (-32767-1)
#define INT32_MIN (-2147483647-1)
#define INT64_MIN (-9223372036854775807LL-1)
#define INT8_MAX 127
#define INT16_MAX 32767
#define INT32_MAX 2147483647
#define INT64_MAX 9223372036854775807LL
#define UINT8_MAX 255
#define UINT16_MAX 65535
#define UINT32_MAX 4294967295U
#define UINT64_MAX 18446744073709551615ULL
#define INTPTR_MIN INT32_MIN
#define INTPTR_MAX INT32_MAX
#define UINTPTR_MAX UINT32_MAX
#define INTMAX_MIN INT64_MIN
#define INTMAX_MAX INT64_MAX
#define UINTMAX_MAX UINT64_MAX
#define SIZE_MAX UINT32_MAX
#define PTRDIFF_MIN INT32_MIN
#define PTRDIFF_MAX INT32_MAX
#define INT8_C(c) c
#define INT16_C(c) c
#define INT32_C(c) c
#define INT64_C(c) c ## LL
#define UINT8_C(c) c
#define UINT16_C(c) c
#define UINT32_C(c) c ## U
#define UINT64_C(c) c ## ULL
#define INTMAX_C(c) c ## LL
#define UINTMAX_C(c) c ## ULL
#endif
`;

const LIMITS = `#ifndef __LIMITS_H
#define __LIMITS_H
#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#define MB_LEN_MAX 16
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-2147483647-1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MIN (-2147483647L-1)
#define LONG_MAX 2147483647L
#define ULONG_MAX 4294967295UL
#define LLONG_MIN (-9223372036854775807LL-1)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL
#endif
`;

const FLOAT = `#ifndef __FLOAT_H
#define __FLOAT_H
#define FLT_RADIX 2
#define FLT_EVAL_METHOD 2
#define FLT_MANT_DIG 24
#define DBL_MANT_DIG 53
#define LDBL_MANT_DIG 64
#define FLT_DIG 6
#define DBL_DIG 15
#define LDBL_DIG 18
#define FLT_EPSILON 1.19209290e-7F
#define DBL_EPSILON 2.2204460492503131e-16
#define FLT_MAX 3.40282347e+38F
#define DBL_MAX 1.7976931348623157e+308
#define FLT_MIN 1.17549435e-38F
#define DBL_MIN 2.2250738585072014e-308
#define DECIMAL_DIG 21
#endif
`;

/** Header name → text. */
export const BUILTIN_HEADERS: Readonly<Record<string, string>> = {
  "stdarg.h": STDARG,
  "stddef.h": STDDEF,
  "stdbool.h": STDBOOL,
  "stdint.h": STDINT,
  "limits.h": LIMITS,
  "float.h": FLOAT,
  "stdalign.h": "#define alignas _Alignas\n#define alignof _Alignof\n",
  "stdnoreturn.h": "#define noreturn _Noreturn\n",
  "iso646.h":
    "#define and &&\n#define or ||\n#define not !\n#define not_eq !=\n#define bitand &\n" +
    "#define bitor |\n#define xor ^\n#define compl ~\n#define and_eq &=\n#define or_eq |=\n#define xor_eq ^=\n",
};
