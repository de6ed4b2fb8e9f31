/**
 * Block and inode bitmaps: bit i of a group's bitmap (byte i >> 3, bit i & 7, LSB
 * first) says whether block/inode i of the group is in use. Bits past the end of
 * the group (up to 8 × block size) are padding and must be set.
 */

/** True if bit `i` of `map` is set. */
export function testBit(map: Uint8Array, i: number): boolean {
  return (map[i >> 3] & (1 << (i & 7))) !== 0;
}

/** Sets bit `i`. */
export function setBit(map: Uint8Array, i: number): void {
  map[i >> 3] |= 1 << (i & 7);
}

/** Clears bit `i`. */
export function clearBit(map: Uint8Array, i: number): void {
  map[i >> 3] &= ~(1 << (i & 7));
}

/** Sets bits [from, to). */
export function setBits(map: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) setBit(map, i);
}

/** The first clear bit in [from, limit), or -1 if all are set. Skips full bytes. */
export function findClearBit(map: Uint8Array, from: number, limit: number): number {
  for (let i = from; i < limit;) {
    if ((i & 7) === 0 && map[i >> 3] === 0xff) {
      i += 8;
      continue;
    }
    if (!testBit(map, i)) return i;
    i++;
  }
  return -1;
}

/** Number of set bits in [0, limit). */
export function countSetBits(map: Uint8Array, limit: number): number {
  let n = 0;
  for (let i = 0; i < limit; i++) if (testBit(map, i)) n++;
  return n;
}
