/** Test entry point: `deno run -A _exec_entry.ts ARGS` behaves like `denix exec ARGS`. */
import { execMain } from "../../src/cli/exec.ts";

Deno.exit(await execMain(Deno.args));
