/**
 * ELF auxiliary vector tags (elf.h) placed by execve after envp on the initial stack.
 */
export const enum At {
  NULL = 0,
  PHDR = 3,
  PHENT = 4,
  PHNUM = 5,
  PAGESZ = 6,
  BASE = 7,
  FLAGS = 8,
  ENTRY = 9,
  UID = 11,
  EUID = 12,
  GID = 13,
  EGID = 14,
  PLATFORM = 15,
  HWCAP = 16,
  CLKTCK = 17,
  SECURE = 23,
  RANDOM = 25,
  HWCAP2 = 26,
  EXECFN = 31,
}
