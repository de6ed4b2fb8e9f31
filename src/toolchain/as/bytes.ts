/** Little-endian byte helpers shared by the encoder and directives. */

/** Appends `v` little-endian in `size` bytes. */
export function pushLE(out: number[], v: number, size: number): void {
  let b = BigInt.asUintN(64, BigInt(Math.trunc(v)));
  for (let i = 0; i < size; i++, b >>= 8n) out.push(Number(b & 0xffn));
}

/** GNU-style "shortened" warning text for constant `v` in a `size`-byte field. */
export function truncation(v: number, size: number): string {
  const kept = Number(BigInt.asUintN(size * 8, BigInt(Math.trunc(v))));
  return `value ${v} shortened to ${kept} (${size * 8}-bit field)`;
}
