/* ctype.h for the C locale: ASCII classes computed from ranges; EOF and bytes >= 128 belong to no class. */
#include <ctype.h>

enum { U = 1, L = 2, D = 4, S = 8, P = 16, C = 32, X = 64, B = 128 };

static unsigned char class_of(int c) {
  if (c < 0 || c > 127) return 0;
  if (c >= 'A' && c <= 'Z') return U | (c <= 'F' ? X : 0);
  if (c >= 'a' && c <= 'z') return L | (c <= 'f' ? X : 0);
  if (c >= '0' && c <= '9') return D | X;
  if (c == ' ') return S | B;
  if (c == '\t') return S | C | B;
  if (c >= '\n' && c <= '\r') return S | C;
  if (c < 32 || c == 127) return C;
  return P;
}

int isalnum(int c) { return (class_of(c) & (U | L | D)) != 0; }
int isalpha(int c) { return (class_of(c) & (U | L)) != 0; }
int isascii(int c) { return (unsigned)c < 128; }
int isblank(int c) { return (class_of(c) & B) != 0; }
int iscntrl(int c) { return (class_of(c) & C) != 0; }
int isdigit(int c) { return (unsigned)c - '0' < 10; }
int isgraph(int c) { return (class_of(c) & (U | L | D | P)) != 0; }
int islower(int c) { return (class_of(c) & L) != 0; }
int isprint(int c) { return c == ' ' || isgraph(c); }
int ispunct(int c) { return (class_of(c) & P) != 0; }
int isspace(int c) { return (class_of(c) & S) != 0; }
int isupper(int c) { return (class_of(c) & U) != 0; }
int isxdigit(int c) { return (class_of(c) & X) != 0; }
int tolower(int c) { return isupper(c) ? c + 32 : c; }
int toupper(int c) { return islower(c) ? c - 32 : c; }
int toascii(int c) { return c & 0x7f; }
