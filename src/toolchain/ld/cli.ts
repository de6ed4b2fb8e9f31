/**
 * `denix ld [-o out] [-e entry] [-s] [-L dir] [-lname] [--start-group ... --end-group]
 * files...`: links objects and archives into a static executable (default a.out,
 * mode 0755). `-lname` searches only the -L directories (no system default paths)
 * for libname.a. `--start-group` makes every archive rescanned until stable. Accepted and
 * ignored for GNU ld compatibility: -m elf_i386, -static, --no-dynamic-linker.
 *
 * Exit status: 0 on success, 1 on link errors (messages on stderr, prefixed "ld: "),
 * 2 on usage errors (unknown option, missing argument, no inputs, unreadable file).
 */

import { LinkError } from "./errors.ts";
import { link, type LinkOptions } from "./link.ts";
import type { ArchiveMode, LinkInput } from "./load.ts";

const USAGE = "usage: denix ld [-o out] [-e entry] [-s] [-L dir] [-lname] files...";

interface Args {
  out: string;
  entry?: string;
  strip: boolean;
  dirs: string[];
  /** Files in order; "-l" entries are resolved against dirs after parsing. */
  files: { path: string; lib: boolean }[];
  archives: ArchiveMode;
}

class UsageError extends Error {}

/** Runs the linker command line; returns the exit status. */
export async function ldMain(args: string[]): Promise<number> {
  const err = (m: string) => console.error(`ld: ${m}`);
  let a: Args;
  try {
    a = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(e.message);
    console.error(USAGE);
    return 2;
  }
  if (a.files.length === 0) return usage(err, "no input files");
  const inputs: LinkInput[] = [];
  for (const f of a.files) {
    const path = f.lib ? findLib(f.path, a.dirs) : f.path;
    if (!path) return usage(err, `cannot find -l${f.path}`);
    try {
      inputs.push({ name: path, bytes: await Deno.readFile(path) });
    } catch (e) {
      return usage(err, `cannot read ${path}: ${(e as Error).message}`);
    }
  }
  const opts: LinkOptions = {
    strip: a.strip,
    archives: a.archives,
    onWarning: (m) => err(`warning: ${m}`),
  };
  try {
    const exe = link(inputs, a.entry === undefined ? opts : { ...opts, entry: a.entry });
    await Deno.writeFile(a.out, exe, { mode: 0o755 });
    await Deno.chmod(a.out, 0o755).catch(() => {});
    return 0;
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    for (const m of e.messages) err(m);
    return 1;
  }
}

function usage(err: (m: string) => void, m: string): number {
  err(m);
  console.error(USAGE);
  return 2;
}

const IGNORED = new Set(["-static", "--no-dynamic-linker", "-nostdlib", "--static", "-Bstatic"]);

function parseArgs(args: string[]): Args {
  const a: Args = { out: "a.out", strip: false, dirs: [], files: [], archives: "in-order" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (flag: string) => {
      if (arg.length > flag.length) return arg.slice(flag.length);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option ${flag} needs an argument`);
      return v;
    };
    if (arg === "-s" || arg === "--strip-all") a.strip = true;
    else if (arg.startsWith("--entry=")) a.entry = arg.slice(8);
    else if (arg.startsWith("-o")) a.out = value("-o");
    else if (arg.startsWith("-e")) a.entry = value("-e");
    else if (arg.startsWith("-L")) a.dirs.push(value("-L"));
    else if (arg.startsWith("-l")) a.files.push({ path: value("-l"), lib: true });
    else if (arg.startsWith("-m")) value("-m");
    else if (arg === "--start-group" || arg === "-(") a.archives = "grouped";
    else if (arg === "--end-group" || arg === "-)" || IGNORED.has(arg)) continue;
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else a.files.push({ path: arg, lib: false });
  }
  return a;
}

function findLib(name: string, dirs: string[]): string | null {
  for (const d of dirs) {
    const p = `${d}/lib${name}.a`;
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* keep looking */ }
  }
  return null;
}
