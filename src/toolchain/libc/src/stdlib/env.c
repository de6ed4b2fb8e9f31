/*
 * The environment: environ is the array from the kernel until the first
 * change, then a malloc'd copy the library owns. setenv stores "name=value"
 * strings it allocates; putenv stores the caller's string itself.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

extern char **environ;
static char **owned; /* environ when the library allocated it */

/* Returns the index of name in environ, or the count (end) if absent. */
static int find(const char *name, size_t len) {
  int i = 0;
  for (; environ && environ[i]; i++)
    if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=') return i;
  return i;
}

char *getenv(const char *name) {
  size_t len = strlen(name);
  int i = find(name, len);
  return environ && environ[i] ? environ[i] + len + 1 : NULL;
}

/* Puts entry at index i (appending when i is the count); 0 or -1 (ENOMEM). */
static int store(int i, char *entry) {
  if (environ && environ[i]) {
    environ[i] = entry;
    return 0;
  }
  char **next = malloc((size_t)(i + 2) * sizeof *next);
  if (!next) return -1;
  if (i) memcpy(next, environ, (size_t)i * sizeof *next);
  next[i] = entry;
  next[i + 1] = NULL;
  free(owned);
  environ = owned = next;
  return 0;
}

static int bad_name(const char *name) {
  if (name && *name && !strchr(name, '=')) return 0;
  errno = EINVAL;
  return 1;
}

int setenv(const char *name, const char *value, int overwrite) {
  if (bad_name(name)) return -1;
  size_t len = strlen(name), vlen = strlen(value);
  int i = find(name, len);
  if (environ && environ[i] && !overwrite) return 0;
  char *entry = malloc(len + vlen + 2);
  if (!entry) return -1;
  memcpy(entry, name, len);
  entry[len] = '=';
  memcpy(entry + len + 1, value, vlen + 1);
  return store(i, entry);
}

int putenv(char *entry) {
  char *eq = strchr(entry, '=');
  if (!eq) return unsetenv(entry);
  return store(find(entry, (size_t)(eq - entry)), entry);
}

int unsetenv(const char *name) {
  if (bad_name(name)) return -1;
  size_t len = strlen(name);
  for (int i = 0; environ && environ[i];) {
    if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=') {
      for (int j = i; environ[j]; j++) environ[j] = environ[j + 1];
    } else {
      i++;
    }
  }
  return 0;
}

int clearenv(void) {
  free(owned);
  environ = owned = NULL;
  return 0;
}
