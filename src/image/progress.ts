/**
 * The progress line of mkimage: "\rmkimage: writing 42% (27/64 MiB)", rewritten in
 * place at each whole percent, ended by a newline at 100%. Small images (under
 * `minBytes` to write) print nothing. The CLI installs it only when stderr is a
 * terminal.
 */

/** A progress callback writing through `write`. */
export function progressLine(
  write: (text: string) => void,
  minBytes = 64 << 20,
): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    if (total < minBytes) return;
    const pct = Math.floor(done * 100 / total);
    if (pct === last) return;
    last = pct;
    const line = `\rmkimage: writing ${pct}% (${Math.floor(done / 2 ** 20)}/${
      Math.floor(total / 2 ** 20)
    } MiB)`;
    write(done === total ? line + "\n" : line);
  };
}
