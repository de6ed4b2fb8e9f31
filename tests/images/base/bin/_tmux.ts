/**
 * Drives programs in a real terminal: a private tmux server per session
 * (socket named after it), fixed window size, keys in, screens out.
 *
 * @module
 */
import { hasTool, run } from "./_harness.ts";

/** True when tmux is installed (terminal tests skip otherwise). */
export const hasTmux: boolean = hasTool("tmux");

/** A running terminal session. */
export class Term {
  private constructor(readonly name: string) {}

  /** Starts `command` (run by sh) in a cols x rows terminal. */
  static async start(command: string, cols = 60, rows = 12): Promise<Term> {
    const t = new Term(`denix-${Math.random().toString(36).slice(2)}`);
    await t.tmux("new-session", "-d", "-s", t.name, "-x", `${cols}`, "-y", `${rows}`, command);
    return t;
  }

  private async tmux(...args: string[]): Promise<string> {
    return (await run(["tmux", "-L", this.name, "-f", "/dev/null", ...args])).stdout;
  }

  /** Sends keys (tmux key names such as "Enter", "Escape", "Down", or literal text). */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux("send-keys", "-t", this.name, ...keys);
  }

  /** The visible screen, one line per row. */
  async screen(): Promise<string> {
    return await this.tmux("capture-pane", "-p", "-t", this.name);
  }

  /** Waits (up to 20 s, the machine may be loaded) until the screen matches re; returns it. */
  async waitFor(re: RegExp): Promise<string> {
    let screen = "";
    for (let i = 0; i < 400; i++) {
      screen = await this.screen();
      if (re.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${re} on screen:\n${screen}`);
  }

  /** Stops the session and its server. */
  async stop(): Promise<void> {
    await this.tmux("kill-server");
  }
}
