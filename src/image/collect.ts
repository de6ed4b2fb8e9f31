/**
 * First pass of the builder: walks the tree depth-first (directories before their
 * contents) and gives every distinct node one record, counting hard links. Adds
 * /lost+found (mode 0700) when the tree has none, as mke2fs does.
 *
 * Failure contract: a directory reachable twice (a directory "hard link") or a
 * non-directory /lost+found throws Ext2Error(BadParameter).
 */
import { Ext2Error, Ext2ErrorCode } from "../formats/ext2/mod.ts";
import type { DirNode, ImageTree, Node } from "./tree.ts";

/** One future inode. */
export interface InodeRec {
  node: Node;
  /** Assigned later by the inode allocator (0 until then). */
  ino: number;
  /** Directory entries pointing here (directories: 2 + subdirectories). */
  links: number;
  /** For directories: the parent and the children, in order. */
  parent?: InodeRec;
  children: { name: string; rec: InodeRec }[];
  /** Depth below the root (root 0). */
  depth: number;
}

/** The records in depth-first preorder; [0] is the root, [1] lost+found. */
export interface Collected {
  recs: InodeRec[];
  root: InodeRec;
  lostFound: InodeRec;
}

const LOST_FOUND = "lost+found";

function newRec(node: Node, depth: number, parent?: InodeRec): InodeRec {
  const rec: InodeRec = { node, ino: 0, links: node.kind === "dir" ? 2 : 0, children: [], depth };
  if (parent) rec.parent = parent;
  return rec;
}

/** Collects the inodes of `tree`. */
export function collect(tree: ImageTree): Collected {
  const seen = new Map<Node, InodeRec>();
  const recs: InodeRec[] = [];
  const root = newRec(tree.root, 0);
  root.parent = root;
  seen.set(tree.root, root);
  const lfNode = tree.root.entries.get(LOST_FOUND);
  if (lfNode && lfNode.kind !== "dir") {
    throw new Ext2Error(Ext2ErrorCode.BadParameter, `/${LOST_FOUND} must be a directory`);
  }
  const lostFound = lfNode?.kind === "dir"
    ? newRec(lfNode, 1, root)
    : newRec({ kind: "dir", meta: tree.meta("dir", { perm: 0o700 }), entries: new Map() }, 1, root);
  seen.set(lostFound.node, lostFound);
  recs.push(root, lostFound);
  root.children.push({ name: LOST_FOUND, rec: lostFound });
  root.links++;
  const walk = (dir: InodeRec) => {
    for (const [name, node] of (dir.node as DirNode).entries) {
      if (dir === root && name === LOST_FOUND && node === lostFound.node) continue;
      let rec = seen.get(node);
      if (rec && node.kind === "dir") {
        throw new Ext2Error(
          Ext2ErrorCode.BadParameter,
          `directory '${name}' appears twice in the tree`,
        );
      }
      if (!rec) {
        rec = newRec(node, dir.depth + 1, dir);
        seen.set(node, rec);
        recs.push(rec);
        if (node.kind === "dir") dir.links++;
      }
      if (node.kind !== "dir") rec.links++;
      dir.children.push({ name, rec });
      if (node.kind === "dir") walk(rec);
    }
  };
  walk(root);
  walk(lostFound);
  return { recs, root, lostFound };
}
