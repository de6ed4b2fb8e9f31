/**
 * denix command line: `denix [COMMAND] [ARGS...]`.
 *
 * The commands are data (src/cli/commands.ts); this file only parses global options,
 * picks the command and maps its result to the process exit status:
 * 0 success, 1 failure, 2 usage error (message on stderr).
 */
import { runCli } from "./src/cli/cli.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args));
}
