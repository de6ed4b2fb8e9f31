/**
 * Inode numbering for the builder. Root is inode 2 and lost+found inode 11 (both
 * in group 0); inodes 1..10 are reserved. Every other record gets the next free
 * inode of a chosen group:
 * - directories directly under the root are spread round-robin over the groups
 *   (a simplified Orlov allocator), deeper directories stay in their parent's group;
 * - files, symlinks and devices go to their parent directory's group,
 * spilling to the next group when a group's inodes run out. A record's group is
 * also the goal group for its data blocks, so files sit near their directory.
 */
import { Ext2Error, Ext2ErrorCode, type Geometry, Ino } from "../formats/ext2/mod.ts";
import type { Collected, InodeRec } from "./collect.ts";

/** Per-group inode usage after numbering. */
export interface InodeUsage {
  /** Inodes used per group (reserved ones included). */
  used: number[];
  /** Directories per group. */
  dirs: number[];
}

/** Numbers every record of `c` (sets `rec.ino`); returns per-group usage. */
export function assignInodes(c: Collected, geo: Geometry): InodeUsage {
  const ipg = geo.inodesPerGroup;
  const used = geo.groups.map(() => 0);
  const dirs = geo.groups.map(() => 0);
  used[0] = Ino.FirstNonReserved;
  c.root.ino = Ino.Root;
  c.lostFound.ino = Ino.FirstNonReserved;
  dirs[0] = 2;
  let spread = 0;
  const take = (goal: number, isDir: boolean) => {
    for (let i = 0; i < geo.groupCount; i++) {
      const g = (goal + i) % geo.groupCount;
      if (used[g] < ipg) {
        if (isDir) dirs[g]++;
        return g * ipg + ++used[g];
      }
    }
    throw new Ext2Error(Ext2ErrorCode.NoSpace, "out of inodes");
  };
  const groupOf = (rec: InodeRec) => Math.floor((rec.ino - 1) / ipg);
  for (const rec of c.recs) {
    if (rec.ino !== 0) continue;
    const parentGroup = groupOf(rec.parent ?? c.root);
    const isDir = rec.node.kind === "dir";
    const goal = isDir && rec.depth === 1 ? spread++ % geo.groupCount : parentGroup;
    rec.ino = take(goal, isDir);
  }
  return { used, dirs };
}
