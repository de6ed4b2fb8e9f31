/**
 * Host signals forwarded to the guest: SIGINT, SIGTERM, SIGHUP and SIGQUIT that reach
 * `denix exec` go to the guest's foreground process group instead of killing the host
 * process at once (like qemu-i386, which passes them to the emulated program).
 *
 * Contract: `forwardHostSignals(deliver)` installs the listeners and returns a function
 * that removes them; `deliver` receives the Linux signal number.
 */
const FORWARDED: [Deno.Signal, number][] = [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
  ["SIGQUIT", 3],
];

export function forwardHostSignals(deliver: (sig: number) => void): () => void {
  const installed: [Deno.Signal, () => void][] = [];
  for (const [name, sig] of FORWARDED) {
    const fn = () => deliver(sig);
    try {
      Deno.addSignalListener(name, fn);
      installed.push([name, fn]);
    } catch {
      // Not supported on this platform: the host default action stays.
    }
  }
  return () => {
    for (const [name, fn] of installed) Deno.removeSignalListener(name, fn);
  };
}
