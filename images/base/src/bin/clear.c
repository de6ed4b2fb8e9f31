/* clear: clear the terminal screen and its scrollback (ANSI/xterm: ESC[H ESC[2J ESC[3J). */
#include <unistd.h>

int main(void) {
  static const char seq[] = "\033[H\033[2J\033[3J";
  return write(1, seq, sizeof seq - 1) == (long)(sizeof seq - 1) ? 0 : 1;
}
