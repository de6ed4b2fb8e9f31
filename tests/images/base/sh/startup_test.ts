/**
 * Start-up files: a login shell (-l or argv[0] "-sh") runs $HOME/.profile
 * (after /etc/profile), an interactive shell runs $ENV, and an error in a
 * start-up file does not stop an interactive shell.
 */
import assert from "node:assert/strict";
import { BUILDS, hasGcc32, NO_GCC, run } from "./_build.ts";

if (!hasGcc32) console.log(`sh start-up tests skipped: ${NO_GCC}`);

let built = "";
async function shell(): Promise<string> {
  if (built) return built;
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-start-bin-" });
  built = await BUILDS.gcc(dir);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return built;
}

async function withHome(profile: string, fn: (sh: string, home: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "denix-sh-start-" });
  try {
    const sh = await shell();
    await Deno.writeTextFile(`${dir}/.profile`, profile);
    await Deno.writeTextFile(`${dir}/envrc`, "echo env-ran ${PROFILED-no}\n");
    await fn(sh, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "a login shell runs $HOME/.profile before the command",
  ignore: !hasGcc32,
  async fn() {
    await withHome("PROFILED=yes\nalias hi='echo hi-alias'\n", async (sh, home) => {
      const r = await run(sh, ["-l", "-c", "echo $PROFILED"], {
        env: { HOME: home, PATH: "/usr/bin:/bin" },
      });
      assert.equal(r.stdout, "yes\n");
      const plain = await run(sh, ["-c", "echo ${PROFILED-unset}"], {
        env: { HOME: home, PATH: "/bin" },
      });
      assert.equal(plain.stdout, "unset\n");
    });
  },
});

Deno.test({
  name: "an interactive login shell runs .profile, then $ENV, then its input",
  ignore: !hasGcc32,
  async fn() {
    await withHome("PROFILED=yes\nalias hi='echo hi-alias'\n", async (sh, home) => {
      const env = { HOME: home, PATH: "/usr/bin:/bin", ENV: `${home}/envrc`, PS1: "" };
      const r = await run(sh, ["-l", "-i"], { env, stdin: "hi\necho done\n" });
      assert.equal(r.stdout, "env-ran yes\nhi-alias\ndone\n");
    });
  },
});

Deno.test({
  name: "an error in .profile does not stop an interactive shell",
  ignore: !hasGcc32,
  async fn() {
    await withHome("echo ${missing?broken profile}\n", async (sh, home) => {
      const env = { HOME: home, PATH: "/usr/bin:/bin", PS1: "" };
      const r = await run(sh, ["-l", "-i"], { env, stdin: "echo still-here\n" });
      assert.match(r.stderr, /broken profile/);
      assert.equal(r.stdout, "still-here\n");
    });
  },
});
