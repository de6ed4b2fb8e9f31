/**
 * Parses human sizes for the CLI: "64M", "1G", "512K", "1536KiB", "4096" (bytes).
 * Suffixes are binary (K = 1024). Returns undefined for anything else.
 */

const UNITS: Record<string, number> = { "": 1, K: 1 << 10, M: 1 << 20, G: 1 << 30, T: 2 ** 40 };

/** Bytes denoted by `text`, or undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Number(m[1]) * UNITS[m[2].toUpperCase()];
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
