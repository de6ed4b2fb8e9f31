/**
 * The command table of the denix CLI. Each entry names a subcommand, its usage line,
 * a summary for `denix --help` and the function that runs it (returning the exit status;
 * throwing UsageError for bad arguments). Later subsystems add their rows here.
 */
import { parseArgs } from "node:util";
import { mkimageMain } from "../image/cli.ts";
import { imageMain } from "../image/image_cli.ts";
import { execMain } from "./exec.ts";
import { ccMain } from "../toolchain/cc/mod.ts";
import { ldMain } from "../toolchain/ld/mod.ts";

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

function boot(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      mem: { type: "string" },
      trace: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log("usage: denix [boot] [IMAGE] [--mem SIZE] [--trace=...]");
    return Promise.resolve(0);
  }
  console.error("denix boot: the kernel is not built yet in this version (see README.md status)");
  return Promise.resolve(1);
}

export const COMMANDS: readonly Command[] = [
  {
    name: "boot",
    usage: "boot [IMAGE] [--mem SIZE]",
    summary: "boot the system on this terminal (default command)",
    run: boot,
  },
  {
    name: "exec",
    usage: "exec [--mem SIZE] [--trace=syscalls] PROGRAM [ARGS...]",
    summary: "run a static i386 Linux program in a fresh machine (like qemu-i386)",
    run: (args) => execMain(args),
  },
  {
    name: "cc",
    usage: "cc [-o OUT] [-c|-S|-E] [-I DIR] [-D N[=V]] [-O0|-O1] FILES...",
    summary: "compile C for i386 (denix's own C compiler)",
    run: (args) => ccMain(args),
  },
  {
    name: "ld",
    usage: "ld [-o OUT] [-e SYM] [-s] [-L DIR] [-lNAME] FILES...",
    summary: "link i386 objects and archives into a static ELF executable",
    run: (args) => ldMain(args),
  },
  {
    name: "mkimage",
    usage: "mkimage -o IMG [OPTIONS]",
    summary: "build an EXT2 disk image (see denix mkimage --help)",
    run: (args) => mkimageMain(args),
  },
  {
    name: "image",
    usage: "image ls|cat IMG [PATH]",
    summary: "list or print files of an EXT2 image without booting",
    run: (args) => imageMain(args),
  },
];
