/*
 * history.c - the interactive command history: the last HIST_MAX lines,
 * oldest first. Consecutive duplicates and empty lines are not stored.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define HIST_MAX 500

static char *lines[HIST_MAX];
static int count;

void hist_add(const char *line) {
  if (!*line) return;
  if (count && strcmp(lines[count - 1], line) == 0) return;
  if (count == HIST_MAX) {
    free(lines[0]);
    memmove(lines, lines + 1, sizeof(char *) * (HIST_MAX - 1));
    count--;
  }
  lines[count++] = xstrdup(line);
}

const char *hist_get(int i) { return i >= 0 && i < count ? lines[i] : NULL; }

int hist_count(void) { return count; }
