/* Terminal attributes through the TCGETS/TCSETS* ioctls; speeds live in c_cflag's CBAUD bits. */
#include <termios.h>
#include <sys/ioctl.h>
#include <errno.h>

int tcgetattr(int fd, struct termios *t) { return ioctl(fd, TCGETS, t); }

int tcsetattr(int fd, int action, const struct termios *t) {
  if (action < TCSANOW || action > TCSAFLUSH) {
    errno = EINVAL;
    return -1;
  }
  return ioctl(fd, TCSETS + action, t);
}

void cfmakeraw(struct termios *t) {
  t->c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t->c_oflag &= ~(unsigned)OPOST;
  t->c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(unsigned)(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }

int cfsetospeed(struct termios *t, speed_t s) {
  if (s & ~(unsigned)CBAUD) {
    errno = EINVAL;
    return -1;
  }
  t->c_cflag = (t->c_cflag & ~(unsigned)CBAUD) | s;
  return 0;
}

int cfsetispeed(struct termios *t, speed_t s) { return s ? cfsetospeed(t, s) : 0; }

int tcflush(int fd, int queue) { return ioctl(fd, TCFLSH, queue); }

pid_t tcgetpgrp(int fd) {
  int pgrp;
  return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) {
  int p = pgrp;
  return ioctl(fd, TIOCSPGRP, &p);
}
