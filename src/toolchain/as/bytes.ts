/** Little-endian byte helpers shared by the encoder and directives. */

/** Appends `v` little-endian in `size` bytes. */
export function pushLE(out: number[], v: number, size: number): void {
  let b = BigInt.asUintN(64, BigInt(Math.trunc(v)));
  for (let i = 0; i < size; i++, b >>= 8n) out.push(Number(b & 0xffn));
}
