/**
 * Permission checks against uid/gid and mode bits (POSIX DAC, without ACLs).
 *
 * Contract: `permits(inode, cred, want)` with `want` a mask of R=4, W=2, X=1 answers
 * whether `cred` may access the inode. uid 0 may read and write anything and execute
 * anything that has at least one x bit (directories can always be searched).
 */
import type { Inode } from "./inode.ts";

/** Access bits as in access(2). */
export const enum Access {
  X = 1,
  W = 2,
  R = 4,
}

/** The identity a check is made for. */
export interface Cred {
  uid: number;
  gid: number;
  /** Supplementary groups. */
  groups: readonly number[];
}

export function permits(i: Inode, cred: Cred, want: number): boolean {
  if (cred.uid === 0) {
    if ((want & Access.X) === 0 || i.isDir) return true;
    return (i.mode & 0o111) !== 0;
  }
  let bits: number;
  if (cred.uid === i.uid) bits = (i.mode >> 6) & 7;
  else if (cred.gid === i.gid || cred.groups.includes(i.gid)) bits = (i.mode >> 3) & 7;
  else bits = i.mode & 7;
  return (bits & want) === want;
}
