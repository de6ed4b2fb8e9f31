/** Test entry point: `deno run -A _denix_exec.ts PROGRAM` runs PROGRAM under denix (`denix exec`). */
import { execMain } from "../../../src/cli/exec.ts";

Deno.exit(await execMain(Deno.args));
