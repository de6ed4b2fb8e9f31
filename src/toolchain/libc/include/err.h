/* err.h: BSD error reporting ("prog: message: strerror(errno)") to stderr. */
#ifndef _ERR_H
#define _ERR_H
#include <stdarg.h>
void warn(const char *fmt, ...);
void warnx(const char *fmt, ...);
void vwarn(const char *fmt, va_list ap);
void vwarnx(const char *fmt, va_list ap);
_Noreturn void err(int status, const char *fmt, ...);
_Noreturn void errx(int status, const char *fmt, ...);
#endif
