/**
 * `denix cc [-o out] [-c] [-S] [-E] [-I dir] [-isystem dir] [-D name[=val]] [-U name]
 * [-O0|-O1] files...` — the compiler driver.
 *
 * -E prints preprocessed source; -S writes assembly (.s). -c assembles with
 * denix's own assembler (src/toolchain/as). Linking is INTERIM: until denix's
 * ld and libc exist it shells out to the host's `gcc -m32 -static` (glibc),
 * and says so on failure. Returns the exit status (0 ok, 1 errors).
 */
import { compile, readHostFile } from "./mod.ts";

interface Args {
  out?: string;
  mode: "link" | "c" | "S" | "E";
  includeDirs: string[];
  systemDirs: string[];
  defines: Record<string, string>;
  files: string[];
  optimize: 0 | 1;
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
    } else if (/^-O[0-3s]?$/.test(s) || s === "-g" || s.startsWith("-W") || s.startsWith("-std=")) {
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
  const asmFiles: string[] = [];
  const tmp = a.mode === "link" ? await Deno.makeTempDir({ prefix: "denix-cc-" }) : "";
  try {
    for (const f of a.files) {
      if (!f.endsWith(".c") && !f.endsWith(".h") && a.mode === "link") {
        asmFiles.push(f);
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
        systemDirs: a.systemDirs,
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
        const s = `${tmp}/${asmFiles.length}_${stem(f)}.s`;
        await Deno.writeTextFile(s, r.asm);
        asmFiles.push(s);
      }
    }
    return a.mode === "link" ? await linkInterim(asmFiles, a.out ?? "a.out") : 0;
  } finally {
    if (tmp) await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

async function readAll(): Promise<Uint8Array> {
  return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
}

async function assembleTo(asm: string, fileName: string, out: string): Promise<boolean> {
  const spec = new URL("../as/mod.ts", import.meta.url).href;
  const as = await import(spec) as {
    assemble(s: string, o: { fileName: string }): unknown;
    writeElfObject(o: unknown): Uint8Array;
  };
  try {
    await Deno.writeFile(
      out,
      as.writeElfObject(as.assemble(asm, { fileName: `${stem(fileName)}.s` })),
    );
    return true;
  } catch (e) {
    const ds = (e as { diagnostics?: { message?: string }[] }).diagnostics;
    console.error(
      `denix cc: assembler failed for ${fileName}: ${ds ? JSON.stringify(ds.slice(0, 3)) : e}`,
    );
    return false;
  }
}

/** INTERIM: links with the host's gcc -m32 -static until denix ld + libc exist. */
async function linkInterim(inputs: string[], out: string): Promise<number> {
  try {
    const p = await new Deno.Command("gcc", { args: ["-m32", "-static", "-o", out, ...inputs] })
      .output();
    if (!p.success) console.error(new TextDecoder().decode(p.stderr));
    return p.success ? 0 : 1;
  } catch {
    console.error(
      "denix cc: linking needs the host's gcc -m32 for now (denix ld/libc are not built yet)",
    );
    return 1;
  }
}
