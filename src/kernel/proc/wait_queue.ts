/**
 * Sleeping and waking: wait queues and the BLOCK convention of blocking calls.
 *
 * Contract: an operation that cannot complete now registers the caller on a WaitQueue
 * (through `Sleeper.sleepOn`) and returns BLOCK. The kernel then puts the process to
 * sleep with its `int 0x80` not yet retired; `wake()` makes it runnable and the system
 * call runs again from the start (the Linux "restart" model: handlers must not have
 * committed side effects before returning BLOCK). A signal also wakes the sleeper; the
 * call then returns -EINTR or restarts (SA_RESTART).
 */

/** Returned by handlers and file operations that put the caller to sleep. */
export const BLOCK = -0x10000;

/** Something that can sleep (a process). */
export interface Sleeper {
  /** Records `q` as what the caller sleeps on and returns BLOCK. */
  sleepOn(q: WaitQueue): number;
  /** Makes the sleeper runnable again. */
  wake(): void;
}

/** Processes sleeping until some condition may have changed. */
export class WaitQueue {
  private readonly sleepers = new Set<Sleeper>();

  add(s: Sleeper): void {
    this.sleepers.add(s);
  }

  remove(s: Sleeper): void {
    this.sleepers.delete(s);
  }

  /** Wakes every sleeper (each re-checks its condition). */
  wakeAll(): void {
    const all = [...this.sleepers];
    this.sleepers.clear();
    for (const s of all) s.wake();
  }

  get size(): number {
    return this.sleepers.size;
  }
}
