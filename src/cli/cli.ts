/**
 * The CLI dispatcher: global flags (--help, --version), then one subcommand from the
 * command table. Usage errors print to stderr and return 2.
 */
import { type Command, COMMANDS } from "./commands.ts";
import { VERSION } from "../version.ts";

/** Thrown by commands for bad arguments; the dispatcher prints it and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The text of `denix --help`. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    `denix ${VERSION}: a UNIX-like OS on an emulated i386, in one Deno program`,
    "",
    "usage: denix [COMMAND] [ARGS...]",
    "",
    "commands:",
    ...lines,
    "",
    "options:",
    "  -h, --help     show this help (also: denix COMMAND --help)",
    "  -V, --version  print the version",
    "",
    "With no command, denix boots the default system (same as `denix boot`).",
  ].join("\n");
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs the CLI with `args`; returns the exit status. */
export async function runCli(args: string[]): Promise<number> {
  const first = args[0];
  if (first === "-h" || first === "--help" || first === "help") {
    console.log(helpText());
    return 0;
  }
  if (first === "-V" || first === "--version") {
    console.log(`denix ${VERSION}`);
    return 0;
  }
  const explicit = first !== undefined && !first.startsWith("-") && findCommand(first);
  const command = explicit || findCommand("boot")!;
  const rest = explicit ? args.slice(1) : args;
  if (first !== undefined && !first.startsWith("-") && !explicit && !looksLikeImage(first)) {
    console.error(`denix: unknown command '${first}' (see denix --help)`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`denix ${command.name}: ${e.message}`);
      return 2;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`denix ${command.name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** `denix disk.img` boots an image: a first argument with a path-like shape. */
function looksLikeImage(arg: string): boolean {
  return arg.includes("/") || arg.includes(".");
}
