/*
 * top [-b] [-n COUNT] [-d SECONDS]: a refreshing process view from /proc.
 * Each frame: "top - HH:MM:SS up ..., load average: ..." (UTC), task counts
 * by state, memory and swap in MiB (from /proc/meminfo), then processes
 * sorted by %CPU (ticks used since the previous frame; the first frame uses
 * each process's lifetime average), ties by PID. On a terminal the screen
 * is cleared each frame, trimmed to its height, and keys are read in raw
 * mode: q quits, any other key refreshes at once. -b (batch) prints plain
 * frames; -n stops after COUNT frames; -d sets the delay (default 3 s).
 * $PROCFS overrides /proc.
 */
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

struct task { struct pstat ps; double cpu; };

static struct termios saved;
static int raw_on, width; /* width > 0: cut lines to the terminal width (no wrapping) */

/* printf of one line, cut to the terminal width on a terminal. */
static void out(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  size_t n = strlen(buf);
  int nl = n > 0 && buf[n - 1] == '\n';
  if (nl) buf[--n] = 0;
  if (width > 0 && n > (size_t)width) buf[width] = 0;
  fputs(buf, stdout);
  if (nl) putchar('\n');
}

static void restore(void) {
  if (raw_on) tcsetattr(0, TCSANOW, &saved), raw_on = 0;
}

static void on_signal(int sig) {
  restore();
  signal(sig, SIG_DFL);
  raise(sig);
}

static double read_uptime(double *idle) {
  char path[512];
  double up = 0, id = 0;
  proc_path(path, sizeof path, "uptime");
  FILE *f = fopen(path, "r");
  if (f) {
    if (fscanf(f, "%lf %lf", &up, &id) < 1) up = 0;
    fclose(f);
  }
  if (idle) *idle = id;
  return up;
}

static void header(double up, int ntasks, const struct task *t) {
  char path[512], load[128] = "0.00 0.00 0.00";
  double l1 = 0, l5 = 0, l15 = 0;
  proc_path(path, sizeof path, "loadavg");
  FILE *f = fopen(path, "r");
  if (f) {
    if (fscanf(f, "%lf %lf %lf", &l1, &l5, &l15) != 3) l1 = l5 = l15 = 0;
    fclose(f);
  }
  snprintf(load, sizeof load, "%.2f, %.2f, %.2f", l1, l5, l15);
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  long mins = (long)up / 60, days = mins / 1440;
  char upbuf[64];
  if (days) snprintf(upbuf, sizeof upbuf, "%ld day%s, %2ld:%02ld", days, days > 1 ? "s" : "", mins / 60 % 24, mins % 60);
  else if (mins >= 60) snprintf(upbuf, sizeof upbuf, "%2ld:%02ld", mins / 60, mins % 60);
  else snprintf(upbuf, sizeof upbuf, "%ld min", mins);
  out("top - %02d:%02d:%02d up %s,  load average: %s\n", tm.tm_hour, tm.tm_min, tm.tm_sec, upbuf, load);
  int run = 0, sleep_ = 0, stop = 0, zombie = 0;
  for (int i = 0; i < ntasks; i++) {
    char s = t[i].ps.state;
    if (s == 'R') run++;
    else if (s == 'T' || s == 't') stop++;
    else if (s == 'Z') zombie++;
    else sleep_++;
  }
  out("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie\n", ntasks, run, sleep_, stop, zombie);
  long long total = meminfo("MemTotal"), freek = meminfo("MemFree"), avail = meminfo("MemAvailable");
  long long bc = meminfo("Buffers") + meminfo("Cached") + (meminfo("SReclaimable") > 0 ? meminfo("SReclaimable") : 0);
  long long st = meminfo("SwapTotal"), sf = meminfo("SwapFree");
  if (avail < 0) avail = freek;
  out("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache\n", total / 1024.0, freek / 1024.0,
         (total - freek - bc) / 1024.0, bc / 1024.0);
  out("MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem\n\n", st / 1024.0, sf / 1024.0,
         (st - sf) / 1024.0, avail / 1024.0);
}

static int by_cpu(const void *a, const void *b) {
  const struct task *x = a, *y = b;
  if (x->cpu != y->cpu) return x->cpu < y->cpu ? 1 : -1;
  return x->ps.pid - y->ps.pid;
}

/* Samples every process; cpu% from the previous sample when known. */
static int sample(struct task **out, const struct task *prev, int nprev, double dt, double up) {
  int *pids, n = list_pids(&pids), k = 0;
  struct task *t = xmalloc(sizeof *t * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    if (read_pstat(pids[i], &t[k].ps) != 0) continue;
    double ticks = (double)(t[k].ps.utime + t[k].ps.stime), span = up - (double)t[k].ps.starttime / 100;
    t[k].cpu = span > 0 ? ticks / span : 0;
    for (int j = 0; prev && j < nprev; j++)
      if (prev[j].ps.pid == t[k].ps.pid && dt > 0)
        t[k].cpu = (ticks - (double)(prev[j].ps.utime + prev[j].ps.stime)) / dt;
    k++;
  }
  free(pids);
  *out = t;
  return k;
}

static void frame(struct task *t, int n, double up, int rows) {
  long long total = meminfo("MemTotal");
  long page_kb = 4;
  header(up, n, t);
  out("  PID USER      PR  NI    VIRT    RES S  %%CPU  %%MEM     TIME+ COMMAND\n");
  qsort(t, (size_t)n, sizeof *t, by_cpu);
  for (int i = 0; i < n && (rows <= 0 || i < rows - 7); i++) {
    struct pstat *p = &t[i].ps;
    struct passwd *pw = getpwuid(p->uid);
    unsigned long long cs = p->utime + p->stime;
    double mem = total > 0 ? (double)p->rss * (double)page_kb * 100.0 / (double)total : 0;
    out("%5d %-8.8s %3ld %3ld %7llu %7lld %c %5.1f %5.1f %3llu:%02llu.%02llu %s\n", p->pid, pw ? pw->pw_name : "?",
           p->priority, p->nice, p->vsize / 1024, p->rss * page_kb, p->state, t[i].cpu, mem, cs / 6000,
           cs / 100 % 60, cs % 100, p->comm);
  }
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, batch = 0, rows = 0;
  long count = -1;
  double delay = 3;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "bn:d:")) != -1) {
    if (c == 'b') batch = 1;
    else if (c == 'n') count = strtol(o.arg, NULL, 10);
    else if (c == 'd') delay = strtod(o.arg, NULL);
    else return 1;
  }
  if (delay < 0.1) delay = 0.1;
  int tty = !batch && isatty(0) && isatty(1);
  if (tty) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0) rows = ws.ws_row, width = ws.ws_col;
    if (tcgetattr(0, &saved) == 0) {
      struct termios raw = saved;
      raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
      raw.c_cc[VMIN] = 0;
      raw.c_cc[VTIME] = (cc_t)(delay * 10 > 255 ? 255 : delay * 10);
      tcsetattr(0, TCSANOW, &raw);
      raw_on = 1;
      signal(SIGINT, on_signal), signal(SIGTERM, on_signal);
    }
  }
  struct task *prev = NULL;
  int nprev = 0;
  double last_up = 0;
  for (long k = 0; count < 0 || k < count; k++) {
    double up = read_uptime(NULL);
    struct task *t;
    int n = sample(&t, prev, nprev, up - last_up, up);
    if (tty) printf("\033[H\033[2J");
    frame(t, n, up, rows);
    if (!tty && (count < 0 || k + 1 < count)) putchar('\n');
    fflush(stdout);
    free(prev);
    prev = t, nprev = n, last_up = up;
    if (count >= 0 && k + 1 >= count) break;
    if (tty) {
      char key = 0;
      if (read(0, &key, 1) == 1 && (key == 'q' || key == 'Q')) break;
    } else {
      struct timespec ts = {(time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9)};
      nanosleep(&ts, NULL);
    }
  }
  free(prev);
  restore();
  return 0;
}
