/**
 * `denix cc [-o out] [-c] [-S] [-E] [-I dir] [-isystem dir] [-D name[=val]] [-U name]
 * [-O0|-O1] [-nostdinc] [-nostdlib] files...` — the compiler driver.
 *
 * -E prints preprocessed source; -S writes assembly (.s); -c assembles with denix's
 * own assembler (src/toolchain/as). Without them the inputs (.c, .s, .o, .a) are
 * compiled, assembled and linked by denix ld with crt0 and denix libc (link.ts): no
 * host tool is involved. libc's headers are the default system include directory.
 * Returns the exit status (0 ok, 1 errors).
 */
import { compile, readHostFile } from "./mod.ts";
import { LIBC_INCLUDE, type LinkItem, linkProgram } from "./link.ts";
import { assemble, writeElfObject } from "../as/mod.ts";

interface Args {
  out?: string;
  mode: "link" | "c" | "S" | "E";
  includeDirs: string[];
  systemDirs: string[];
  defines: Record<string, string>;
  files: string[];
  optimize: 0 | 1;
  nostdinc: boolean;
  nostdlib: boolean;
}

const USAGE =
  "usage: denix cc [-o out] [-c|-S|-E] [-I dir] [-isystem dir] [-D name[=val]] [-O0|-O1] files...";

function parseArgs(argv: string[]): Args | string {
  const a: Args = {
    mode: "link",
    includeDirs: [],
    systemDirs: [],
    defines: {},
    files: [],
    optimize: 1,
    nostdinc: false,
    nostdlib: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    const val = (flag: string) => s.length > flag.length ? s.slice(flag.length) : argv[++i];
    if (s === "-o") a.out = argv[++i];
    else if (s === "-c" || s === "-S" || s === "-E") a.mode = s.slice(1) as Args["mode"];
    else if (s.startsWith("-I")) a.includeDirs.push(val("-I") ?? "");
    else if (s === "-isystem") a.systemDirs.push(argv[++i] ?? "");
    else if (s.startsWith("-D")) {
      const d = val("-D") ?? "";
      const eq = d.indexOf("=");
      a.defines[eq < 0 ? d : d.slice(0, eq)] = eq < 0 ? "1" : d.slice(eq + 1);
    } else if (s === "-O0") a.optimize = 0;
    else if (s === "-nostdinc") a.nostdinc = true;
    else if (s === "-nostdlib") a.nostdlib = true;
    else if (
      /^-O[1-3s]?$/.test(s) || s === "-g" || s === "-static" || s.startsWith("-W") ||
      s.startsWith("-std=") || s === "-lc" || s === "-lm"
    ) {
      continue;
    } else if (s === "-h" || s === "--help") return USAGE;
    else if (s.startsWith("-") && s !== "-") return `denix cc: unknown option '${s}'\n${USAGE}`;
    else a.files.push(s);
  }
  if (!a.files.length) return `denix cc: no input files\n${USAGE}`;
  if (a.out && a.mode !== "link" && a.files.length > 1) {
    return "denix cc: -o with -c, -S or -E needs one input";
  }
  return a;
}

const stem = (f: string) => f.replace(/^.*\//, "").replace(/\.[^.]*$/, "");

/** Runs the `denix cc` command line; returns the exit status. */
export async function ccMain(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  if (typeof a === "string") {
    console.error(a);
    return a === USAGE ? 0 : 1;
  }
  const items: LinkItem[] = [];
  for (const f of a.files) {
    if (a.mode === "link" && !f.endsWith(".c")) {
      const item = await inputItem(f);
      if (item === null) return 1;
      items.push(item);
      continue;
    }
    const src = f === "-" ? new TextDecoder().decode(await readAll()) : readHostFile(f);
    if (src === undefined) {
      console.error(`denix cc: error: ${f}: No such file or directory`);
      return 1;
    }
    const r = compile(src, {
      fileName: f,
      includeDirs: a.includeDirs,
      systemDirs: a.nostdinc ? a.systemDirs : [...a.systemDirs, LIBC_INCLUDE],
      defines: a.defines,
      preprocessOnly: a.mode === "E",
      optimize: a.optimize,
    });
    for (const d of r.diagnostics) console.error(d.text);
    if (!r.ok) return 1;
    if (a.mode === "E") {
      if (a.out) await Deno.writeTextFile(a.out, r.asm);
      else await Deno.stdout.write(new TextEncoder().encode(r.asm));
    } else if (a.mode === "S") await Deno.writeTextFile(a.out ?? `${stem(f)}.s`, r.asm);
    else if (a.mode === "c") {
      if (!(await assembleTo(r.asm, f, a.out ?? `${stem(f)}.o`))) return 1;
    } else {
      const object = assembleOrReport(r.asm, `${stem(f)}.s`);
      if (object === null) return 1;
      items.push({ name: `${stem(f)}.o`, object });
    }
  }
  if (a.mode !== "link") return 0;
  return await linkProgram(items, a.out ?? "a.out", { nostdlib: a.nostdlib });
}

/** A non-C input of a link: assembly is assembled, objects and archives are read. */
async function inputItem(f: string): Promise<LinkItem | null> {
  if (f.endsWith(".s")) {
    const text = readHostFile(f);
    if (text === undefined) {
      console.error(`denix cc: error: ${f}: No such file or directory`);
      return null;
    }
    const object = assembleOrReport(text, f);
    return object === null ? null : { name: f, object };
  }
  try {
    return { name: f, bytes: await Deno.readFile(f) };
  } catch {
    console.error(`denix cc: error: ${f}: No such file or directory`);
    return null;
  }
}

function assembleOrReport(text: string, fileName: string) {
  try {
    return assemble(text, { fileName });
  } catch (e) {
    const ds = (e as { diagnostics?: { message?: string }[] }).diagnostics;
    console.error(
      `denix cc: assembler failed for ${fileName}: ${ds ? JSON.stringify(ds.slice(0, 3)) : e}`,
    );
    return null;
  }
}

async function readAll(): Promise<Uint8Array> {
  return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
}

async function assembleTo(asm: string, fileName: string, out: string): Promise<boolean> {
  const object = assembleOrReport(asm, `${stem(fileName)}.s`);
  if (object === null) return false;
  await Deno.writeFile(out, writeElfObject(object));
  return true;
}
