/* whoami: print the user name of the effective user id (exit 1 if it has no name). */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include "util.h"

int main(int argc, char **argv) {
  set_prog(argv[0]);
  if (argc > 1) die(1, "extra operand '%s'", argv[1]);
  uid_t u = geteuid();
  struct passwd *pw = getpwuid(u);
  if (!pw) die(1, "cannot find name for user ID %lu", (unsigned long)u);
  puts(pw->pw_name);
  return 0;
}
