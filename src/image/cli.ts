/**
 * `denix mkimage`: builds an EXT2 image from host files and command-line edits.
 *
 *   denix mkimage -o disk.img [--size 64M] [--block-size 1024|4096] [--inode-size 128|256]
 *     [--inodes N] [--label NAME] [--base] [--from-dir DIR] [--add HOST:GUEST]...
 *     [--mkdir PATH] [--chmod MODE:PATH] [--chown UID:GID:PATH] [--symlink TARGET:PATH]
 *     [--mknod PATH:c|b:MAJOR:MINOR | PATH:p]
 *
 * `--add X.c:/bin/x` (a C file under a name not ending in .c) compiles X.c through
 * the compileC hook (denix cc). `--base` starts from the default system tree (a hook; see MkimageHooks); the
 * other edits apply in command-line order. Exit status: 0 ok, 1 failure (message on
 * stderr), 2 usage error.
 */
import { parseArgs } from "node:util";
import { ImageTree } from "./tree.ts";
import { addHostDir, addHostPath, type CompileC } from "./host_import.ts";
import { buildImage, type BuildOptions } from "./build.ts";
import { parseSize } from "./size.ts";
import { progressLine } from "./progress.ts";

/** Pluggable parts provided by other subsystems. */
export interface MkimageHooks {
  /** Compiles C sources added as programs (denix cc). */
  compileC?: CompileC;
  /** The default system tree for `--base` (images/base). */
  baseTree?: () => Promise<ImageTree>;
}

const USAGE = "usage: denix mkimage -o IMAGE [--size 64M] [--block-size 1024|4096] " +
  "[--inode-size 128|256] [--inodes N] [--label NAME] [--base] [--from-dir DIR] " +
  "[--add HOST:GUEST]... [--mkdir PATH] [--chmod MODE:PATH] [--chown UID:GID:PATH] " +
  "[--symlink TARGET:PATH] [--mknod PATH:c|b:MAJOR:MINOR | PATH:p]";

class UsageError extends Error {}

const OPTIONS = {
  output: { type: "string", short: "o" },
  size: { type: "string" },
  "block-size": { type: "string" },
  "inode-size": { type: "string" },
  inodes: { type: "string" },
  label: { type: "string" },
  base: { type: "boolean" },
  "from-dir": { type: "string", multiple: true },
  add: { type: "string", multiple: true },
  mkdir: { type: "string", multiple: true },
  chmod: { type: "string", multiple: true },
  chown: { type: "string", multiple: true },
  symlink: { type: "string", multiple: true },
  mknod: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/** Splits "A:/guest" at the last ":/" (host paths and targets may contain ':'). */
function splitGuest(arg: string, flag: string): [string, string] {
  const at = arg.lastIndexOf(":/");
  if (at <= 0) throw new UsageError(`--${flag} ${arg}: expected SOURCE:/GUEST/PATH`);
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function int(text: string, what: string, radix = 10): number {
  const ok = radix === 8 ? /^[0-7]+$/.test(text) : /^\d+$/.test(text);
  if (!ok) throw new UsageError(`bad ${what}: ${text}`);
  return parseInt(text, radix);
}

type Edit = (tree: ImageTree) => Promise<void> | void;

/** One edit of the tree per option occurrence, in command-line order. */
const EDITS: Record<string, (value: string, hooks: MkimageHooks) => Edit> = {
  "from-dir": (dir, hooks) => (t) => addHostDir(t, dir, importOptions(hooks)),
  add: (v, hooks) => {
    const [host, guest] = splitGuest(v, "add");
    return (t) => addHostPath(t, host, guest, importOptions(hooks));
  },
  mkdir: (path) => (t) => void t.mkdir(path),
  chmod: (v) => {
    const [mode, ...rest] = v.split(":");
    const perm = int(mode, "mode", 8);
    return (t) => t.chmod(rest.join(":"), perm);
  },
  chown: (v) => {
    const [uid, gid, ...rest] = v.split(":");
    if (gid === undefined) throw new UsageError(`--chown ${v}: expected UID:GID:PATH`);
    const [u, g] = [int(uid, "uid"), int(gid, "gid")];
    return (t) => t.chown(rest.join(":"), u, g);
  },
  symlink: (v) => {
    const [target, path] = splitGuest(v, "symlink");
    return (t) => void t.symlink(target, path);
  },
  mknod: (v) => {
    const parts = v.split(":");
    if (parts.at(-1) === "p") return (t) => void t.mkfifo(parts.slice(0, -1).join(":"));
    const [type, major, minor] = parts.slice(-3);
    if (parts.length < 4 || (type !== "c" && type !== "b")) {
      throw new UsageError(`--mknod ${v}: expected PATH:c|b:MAJOR:MINOR or PATH:p`);
    }
    const dev = { major: int(major, "major"), minor: int(minor, "minor") };
    const path = parts.slice(0, -3).join(":");
    return (t) => void t.mknod(path, type === "c" ? "char" : "block", dev);
  },
};

function importOptions(hooks: MkimageHooks) {
  return {
    ...(hooks.compileC ? { compileC: hooks.compileC } : {}),
    warn: (m: string) => console.error(`mkimage: warning: ${m}`),
  };
}

interface Parsed {
  output: string;
  build: Omit<BuildOptions, "onProgress">;
  base: boolean;
  edits: Edit[];
}

function choice(text: string | undefined, allowed: number[], what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!allowed.includes(n)) throw new UsageError(`${what} must be one of ${allowed.join(", ")}`);
  return n;
}

function parse(args: string[], hooks: MkimageHooks): Parsed {
  const { values, tokens } = parseArgs({ args, options: OPTIONS, strict: true, tokens: true });
  if (!values.output) throw new UsageError("missing -o IMAGE");
  const sizeBytes = parseSize(values.size ?? "64M");
  if (sizeBytes === undefined) throw new UsageError(`bad --size ${values.size}`);
  const build: Parsed["build"] = { sizeBytes };
  const bs = choice(values["block-size"], [1024, 2048, 4096], "--block-size");
  const isz = choice(values["inode-size"], [128, 256], "--inode-size");
  if (bs) build.blockSize = bs;
  if (isz) build.inodeSize = isz;
  if (values.inodes !== undefined) build.inodeCount = int(values.inodes, "--inodes");
  if (values.label !== undefined) build.label = values.label;
  const edits: Edit[] = [];
  for (const tok of tokens) {
    const make = tok.kind === "option" ? EDITS[tok.name] : undefined;
    if (make && tok.kind === "option") edits.push(make(tok.value ?? "", hooks));
  }
  return { output: values.output, build, base: values.base ?? false, edits };
}

function progressPrinter(): ((done: number, total: number) => void) | undefined {
  if (!Deno.stderr.isTerminal()) return undefined;
  const enc = new TextEncoder();
  return progressLine((text) => void Deno.stderr.writeSync(enc.encode(text)));
}

async function run(p: Parsed, hooks: MkimageHooks): Promise<number> {
  let tree = new ImageTree();
  if (p.base) {
    if (!hooks.baseTree) {
      console.error("mkimage: --base needs the base system tree (images/base), not available yet");
      return 1;
    }
    tree = await hooks.baseTree();
  }
  for (const edit of p.edits) await edit(tree);
  const onProgress = progressPrinter();
  await buildImage(tree, p.output, { ...p.build, ...(onProgress ? { onProgress } : {}) });
  return 0;
}

/** Runs `denix mkimage` with `args` (the arguments after "mkimage"). */
export async function mkimageMain(args: string[], hooks: MkimageHooks = {}): Promise<number> {
  if (args.includes("-h") || args.includes("--help")) {
    console.error(USAGE);
    return 0;
  }
  let parsed: Parsed;
  try {
    parsed = parse(args, hooks);
  } catch (e) {
    console.error(`mkimage: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    return await run(parsed, hooks);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`mkimage: ${e.message}\n${USAGE}`);
      return 2;
    }
    console.error(`mkimage: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
