/**
 * A tiny little-endian struct codec driven by field tables. Each on-disk structure
 * (superblock, group descriptor, inode) is one table `{ name: [offset, kind] }`;
 * `decodeStruct` reads every field, `encodeStruct` writes every field and leaves
 * the bytes the table does not mention untouched (so a kernel can rewrite a
 * superblock it read without losing fields it does not know).
 *
 * Kinds: "u8", "u16", "u32" (numbers), ["bytes", n] (a copied Uint8Array of n bytes),
 * ["u32s", n] (an array of n u32). Callers check the buffer is long enough (see
 * `structSize`); a DataView access past its end would throw a RangeError.
 */

/** The kind of one field. */
export type FieldKind =
  | "u8"
  | "u16"
  | "u32"
  | readonly ["bytes", number]
  | readonly ["u32s", number];
/** A field table: name → [byte offset, kind]. */
export type StructSpec = Readonly<Record<string, readonly [number, FieldKind]>>;

/** The decoded value type of a field kind. */
export type FieldValue<K> = K extends readonly ["bytes", number] ? Uint8Array
  : K extends readonly ["u32s", number] ? number[]
  : number;

/** The decoded record of a spec: numbers, byte arrays and u32 arrays by name. */
export type Decoded<S extends StructSpec> = { -readonly [N in keyof S]: FieldValue<S[N][1]> };

function kindSize(kind: FieldKind): number {
  if (kind === "u8") return 1;
  if (kind === "u16") return 2;
  if (kind === "u32") return 4;
  return kind[0] === "bytes" ? kind[1] : kind[1] * 4;
}

/** Bytes from the struct start to the end of its last field. */
export function structSize(spec: StructSpec): number {
  let end = 0;
  for (const [off, kind] of Object.values(spec)) end = Math.max(end, off + kindSize(kind));
  return end;
}

function readField(view: DataView, at: number, kind: FieldKind): number | number[] | Uint8Array {
  if (kind === "u8") return view.getUint8(at);
  if (kind === "u16") return view.getUint16(at, true);
  if (kind === "u32") return view.getUint32(at, true);
  if (kind[0] === "bytes") {
    return new Uint8Array(view.buffer.slice(view.byteOffset + at, view.byteOffset + at + kind[1]));
  }
  return Array.from({ length: kind[1] }, (_, i) => view.getUint32(at + i * 4, true));
}

function writeField(view: DataView, at: number, kind: FieldKind, value: unknown): void {
  if (kind === "u8") view.setUint8(at, value as number);
  else if (kind === "u16") view.setUint16(at, value as number, true);
  else if (kind === "u32") view.setUint32(at, value as number, true);
  else if (kind[0] === "bytes") {
    const dst = new Uint8Array(view.buffer, view.byteOffset + at, kind[1]);
    dst.fill(0);
    dst.set((value as Uint8Array).subarray(0, kind[1]));
  } else {
    const arr = value as number[];
    for (let i = 0; i < kind[1]; i++) view.setUint32(at + i * 4, arr[i] ?? 0, true);
  }
}

/** Reads every field of `spec` from `view` starting at byte `base`. */
export function decodeStruct<S extends StructSpec>(spec: S, view: DataView, base = 0): Decoded<S> {
  const out: Record<string, unknown> = {};
  for (const [name, [off, kind]] of Object.entries(spec)) {
    out[name] = readField(view, base + off, kind);
  }
  return out as Decoded<S>;
}

/** Writes every field of `value` into `view` at byte `base`; other bytes are kept. */
export function encodeStruct<S extends StructSpec>(
  spec: S,
  value: Decoded<S>,
  view: DataView,
  base = 0,
): void {
  for (const [name, [off, kind]] of Object.entries(spec)) {
    writeField(view, base + off, kind, (value as Record<string, unknown>)[name]);
  }
}

/** A record of `spec` with every number 0, every byte array and u32 array zeroed. */
export function zeroStruct<S extends StructSpec>(spec: S): Decoded<S> {
  const bytes = new Uint8Array(structSize(spec));
  return decodeStruct(spec, new DataView(bytes.buffer));
}
