/**
 * Test helpers around e2fsprogs (the oracle): tool detection, `e2fsck -fn` with a
 * check that its output holds nothing but the five pass headers and the summary,
 * and `debugfs -R` commands. Also a canonical text description of an ImageTree,
 * so two trees (built, read back, or made by mke2fs) compare with one assertEqual.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { ImageTree, Node } from "../../src/image/tree.ts";

function has(tool: string): boolean {
  try {
    return new Deno.Command(tool, { args: ["-V"], stdout: "null", stderr: "null" }).outputSync()
      .code !== 127;
  } catch {
    return false;
  }
}

/** True when e2fsck, debugfs and mke2fs are installed. */
export const hasE2fsprogs = has("e2fsck") && has("debugfs") && has("mke2fs");
/** Reason printed by skipped tests. */
export const NO_E2FSPROGS = "e2fsprogs (e2fsck, debugfs, mke2fs) not installed";

const decoder = new TextDecoder();

/** Runs a command; returns exit code and combined output. */
export async function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  const r = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  return { code: r.code, out: decoder.decode(r.stdout) + decoder.decode(r.stderr) };
}

const FSCK_OK = [
  /^e2fsck \d/,
  /^Pass [1-5]: /,
  /: \d+\/\d+ files \([\d.]+% non-contiguous\), \d+\/\d+ blocks$/,
];

/** Asserts `e2fsck -fn image` exits 0 and reports nothing but its pass headers. */
export async function assertFsckClean(image: string): Promise<void> {
  const { code, out } = await run("e2fsck", ["-fn", image]);
  const extra = out.split("\n").filter((l) => l.trim() && !FSCK_OK.some((re) => re.test(l)));
  assert.deepEqual({ code, extra }, { code: 0, extra: [] }, out);
}

/** Output of `debugfs -R cmd image` (stdout only). */
export async function debugfs(image: string, cmd: string): Promise<string> {
  const r = await new Deno.Command("debugfs", {
    args: ["-R", cmd, image],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  return decoder.decode(r.stdout);
}

async function contentText(node: Node): Promise<string> {
  if (node.kind !== "file") return "";
  const c = node.content;
  const bytes = c.kind === "bytes" ? c.bytes : await Deno.readFile(c.path);
  return `${bytes.length} ${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}`;
}

function detail(node: Node): string {
  if (node.kind === "symlink") return `-> ${node.target}`;
  if (node.kind === "char" || node.kind === "block") return `${node.major},${node.minor}`;
  return "";
}

/** Options of `describeTree`. */
export interface DescribeOptions {
  /** Leave out mtimes (e.g. for directories whose host mtime changed). */
  noDirTimes?: boolean;
  /** Leave out uid:gid (e.g. host trees owned by the user running the tests). */
  noOwners?: boolean;
  /** Paths to leave out (e.g. "/lost+found"). */
  skip?: string[];
}

/** One sorted line per node: path, kind, perm, owner, mtime, content digest or target. */
export async function describeTree(tree: ImageTree, opts: DescribeOptions = {}): Promise<string[]> {
  const lines: string[] = [];
  const ids = new Map<Node, string>();
  const walk = async (path: string, node: Node) => {
    if (opts.skip?.includes(path)) return;
    const m = node.meta;
    const time = node.kind === "dir" && opts.noDirTimes ? "" : String(m.mtime);
    const first = ids.get(node);
    if (!first && node.kind !== "dir") ids.set(node, path);
    const body = first ? `link ${first}` : `${await contentText(node)} ${detail(node)}`;
    const owner = opts.noOwners ? "" : `${m.uid}:${m.gid}`;
    lines.push(`${path} ${node.kind} ${m.perm.toString(8)} ${owner} ${time} ${body}`);
    if (node.kind === "dir") {
      for (const [name, child] of node.entries) {
        await walk(`${path === "/" ? "" : path}/${name}`, child);
      }
    }
  };
  await walk("/", tree.root);
  return lines.sort();
}

/** A fresh temporary directory, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "denix_ext2_" });
  return { dir, done: () => Deno.remove(dir, { recursive: true }) };
}

/** Registers a test that needs e2fsprogs; skipped with the reason in its name otherwise. */
export function e2fsTest(name: string, fn: () => Promise<void>): void {
  Deno.test({
    name: hasE2fsprogs ? name : `${name} [skipped: ${NO_E2FSPROGS}]`,
    ignore: !hasE2fsprogs,
    fn,
  });
}
