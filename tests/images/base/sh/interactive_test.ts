/**
 * Interactive shell tests in a real terminal: the shell (built by denix's
 * toolchain and by gcc, run natively — interim) runs in a tmux pane; the
 * tests type keys and read the screen.
 * Covers the prompt with the working directory, line-editing keys,
 * history, tab completion and job control (^Z, jobs, bg, fg, ^C, Done).
 */
import assert from "node:assert/strict";
import { type BuildName, BUILDS, hasGcc32, hasTmux, NO_GCC, NO_TMUX, run } from "./_build.ts";

const ready = hasGcc32 && hasTmux;
if (!ready) console.log(`sh interactive tests skipped: ${!hasGcc32 ? NO_GCC : NO_TMUX}`);

const built = new Map<BuildName, string>();
async function shell(build: BuildName): Promise<string> {
  const have = built.get(build);
  if (have) return have;
  const dir = await Deno.makeTempDir({ prefix: `denix-sh-${build}-` });
  const path = await BUILDS[build](dir);
  built.set(build, path);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return path;
}

/** A shell in a tmux pane, started in a fresh home directory. */
class Pane {
  constructor(readonly home: string, readonly build: BuildName) {}

  tmux(...args: string[]) {
    return run("tmux", ["-S", `${this.home}/.tmux.sock`, "-f", "/dev/null", ...args]);
  }

  async start() {
    const sh = await shell(this.build);
    const r = await this.tmux(
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      "100",
      "-y",
      "40",
      "-c",
      this.home,
      "--",
      "env",
      "-i",
      `HOME=${this.home}`,
      "PATH=/usr/bin:/bin",
      "TERM=xterm",
      sh,
    );
    assert.equal(r.code, 0, r.stderr);
    await this.waitFor(/~ [$#] ?$/m);
  }

  /** Types literal text. */
  type(text: string) {
    return this.tmux("send-keys", "-t", "t", "-l", text);
  }

  /** Presses tmux-named keys (Enter, C-a, Left, Up, Tab, ...). */
  keys(...names: string[]) {
    return this.tmux("send-keys", "-t", "t", ...names);
  }

  /** Waits until `name` is the terminal's foreground process (tcgetpgrp). */
  async waitForeground(name: string) {
    const end = Date.now() + 5000;
    for (;;) {
      const r = await this.tmux("display-message", "-p", "-t", "t", "#{pane_current_command}");
      if (r.stdout.trim() === name) return;
      if (Date.now() > end) {
        assert.fail(`${name} never became the foreground process:\n${await this.screen()}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The screen text; wrapped lines joined (-J). */
  async screen(): Promise<string> {
    return (await this.tmux("capture-pane", "-t", "t", "-p", "-J")).stdout;
  }

  /** Waits until the screen matches; fails with the screen after 5 s. */
  async waitFor(re: RegExp): Promise<string> {
    const end = Date.now() + 5000;
    for (;;) {
      const s = await this.screen();
      if (re.test(s)) return s;
      if (Date.now() > end) assert.fail(`screen never matched ${re}:\n${s}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Runs one command line and waits for its output line. */
  async line(text: string, expect: RegExp) {
    await this.type(text);
    await this.keys("Enter");
    return await this.waitFor(expect);
  }

  stop() {
    return this.tmux("kill-server");
  }
}

function paneTest(name: string, fn: (p: Pane) => Promise<void>) {
  for (const build of ["denix", "gcc"] as const) {
    Deno.test({
      name: `${name} (${build}-built sh)`,
      ignore: !ready,
      sanitizeResources: false,
      async fn() {
        const home = await Deno.makeTempDir({ prefix: "denix-sh-home-" });
        const p = new Pane(home, build);
        try {
          await p.start();
          await fn(p);
        } finally {
          await p.stop();
          await Deno.remove(home, { recursive: true });
        }
      },
    });
  }
}

paneTest("the prompt shows the working directory", async (p) => {
  await p.line("cd /tmp", /^\/tmp [$#] ?$/m);
  await p.line("cd", /^~ [$#] ?$/m);
  await p.line("PS1='[$PWD] '", /^\[.*\] ?$/m);
});

paneTest("line editing keys move the cursor and delete text", async (p) => {
  await p.type("cho hello");
  await p.keys("C-a");
  await p.type("e");
  await p.keys("C-e");
  await p.type(" world");
  await p.keys("Enter");
  await p.waitFor(/^hello world$/m);
  await p.type("echo abc def");
  await p.keys("C-w");
  await p.type("xyz");
  await p.keys("Enter");
  await p.waitFor(/^abc xyz$/m);
  await p.type("echo 123");
  await p.keys("Left", "Left", "BSpace", "Enter");
  await p.waitFor(/^23$/m);
  await p.type("echo aXb");
  await p.keys("Left", "Left", "DC", "Enter");
  await p.waitFor(/^ab$/m);
  await p.type("echo keep junk");
  await p.keys("Left", "Left", "Left", "Left", "Left", "C-k", "Enter");
  await p.waitFor(/^keep$/m);
  await p.type("garbage");
  await p.keys("C-u");
  await p.line("echo clean", /^clean$/m);
  await p.type("cho home");
  await p.keys("Home");
  await p.type("e");
  await p.keys("End");
  await p.type("_end");
  await p.keys("Enter");
  await p.waitFor(/^home_end$/m);
});

paneTest("long lines wrap and stay editable; ~ is an ordinary key", async (p) => {
  const ys = "y".repeat(150);
  await p.type(`echo ${ys}`);
  await p.keys("C-a", "C-f", "C-f", "C-f", "C-f", "C-f");
  await p.type("Z");
  await p.keys("End");
  await p.type("W");
  await p.keys("Enter");
  await p.waitFor(new RegExp(`^Z${ys}W$`, "m"));
  await p.line("echo a~b", /^a~b$/m);
});

paneTest("up and down arrows recall history", async (p) => {
  const count = (screen: string, line: string) =>
    screen.split("\n").filter((l) => l === line).length;
  const waitCount = async (line: string, n: number) => {
    const end = Date.now() + 5000;
    for (;;) {
      const s = await p.screen();
      if (count(s, line) === n) return s;
      if (Date.now() > end) assert.fail(`expected ${n} lines "${line}":\n${s}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  await p.line("echo first-cmd", /^first-cmd$/m);
  await p.line("echo second-cmd", /^second-cmd$/m);
  await p.keys("Up", "Up", "Enter");
  await waitCount("first-cmd", 2);
  await p.keys("Up", "Up", "Down", "Enter");
  const s = await waitCount("first-cmd", 3);
  assert.equal(count(s, "second-cmd"), 1);
});

paneTest("tab completes commands, files and directories", async (p) => {
  await Deno.writeTextFile(`${p.home}/unique_file.txt`, "FILE CONTENT\n");
  await Deno.mkdir(`${p.home}/subdir`);
  await Deno.writeTextFile(`${p.home}/alpha1`, "");
  await Deno.writeTextFile(`${p.home}/alpha2`, "");
  await p.type("cat uniq");
  await p.keys("Tab");
  await p.waitFor(/cat unique_file\.txt ?$/m);
  await p.keys("Enter");
  await p.waitFor(/^FILE CONTENT$/m);
  await p.type("ech");
  await p.keys("Tab");
  await p.waitFor(/[$#] echo ?$/m);
  await p.line("tab-cmd", /^tab-cmd$/m);
  await p.type("cd subd");
  await p.keys("Tab");
  await p.waitFor(/[$#] cd subdir\/$/m);
  await p.keys("Enter");
  await p.waitFor(/^~\/subdir [$#] ?$/m);
  await p.line("cd ..", /^~ [$#] ?$/m);
  await p.type("ls alp");
  await p.keys("Tab");
  await p.waitFor(/[$#] ls alpha$/m);
  await p.keys("Tab");
  await p.waitFor(/^alpha1 {2}alpha2$/m);
});

paneTest("continuation lines use PS2 and ^D on an empty line exits", async (p) => {
  await p.type("for i in 1 2; do");
  await p.keys("Enter");
  await p.waitFor(/^> ?$/m);
  await p.line("echo loop$i", /^> ?$/m);
  await p.line("done", /^loop1\nloop2$/m);
  await p.type("cat <<EOF");
  await p.keys("Enter");
  await p.line("here $((6 * 7))", /^> ?$/m);
  await p.line("EOF", /^here 42$/m);
  await p.keys("C-d");
  const end = Date.now() + 5000;
  while ((await p.tmux("has-session", "-t", "t")).code === 0) {
    if (Date.now() > end) assert.fail(`the shell did not exit on ^D:\n${await p.screen()}`);
    await new Promise((r) => setTimeout(r, 40));
  }
});

paneTest("job control stops, resumes and reports jobs", async (p) => {
  await p.type("sleep 30");
  await p.keys("Enter");
  await p.waitForeground("sleep");
  await p.keys("C-z");
  await p.waitFor(/^\[1\]\+ +Stopped +sleep 30$/m);
  await p.line("jobs", /^\[1\]\+ +Stopped +sleep 30\n.*[$#] ?$/m);
  await p.line("bg", /^\[1\] sleep 30 &$/m);
  await p.line("fg", / fg\nsleep 30$/m);
  await p.waitForeground("sleep");
  await p.keys("C-c");
  await p.line("echo after-fg $?", /^after-fg 130$/m);
  await p.line("sleep 0.1 &", /^\[1\] \d+$/m);
  const done = /^\[1\]\+ +Done +sleep 0\.1$/m;
  const end = Date.now() + 5000;
  while (!done.test(await p.screen())) {
    /* reported before a prompt once finished */
    if (Date.now() > end) assert.fail(`no Done report:\n${await p.screen()}`);
    await new Promise((r) => setTimeout(r, 200));
    await p.keys("Enter");
  }
  await p.type("cat");
  await p.keys("Enter");
  await p.waitForeground("cat");
  await p.keys("C-c");
  await p.line("echo interrupted $?", /^interrupted 130$/m);
  await p.type("while :; do :; done");
  await p.keys("Enter");
  await new Promise((r) => setTimeout(r, 200));
  await p.keys("C-c");
  await p.line("echo loop-stopped $?", /^loop-stopped 130$/m);
});
