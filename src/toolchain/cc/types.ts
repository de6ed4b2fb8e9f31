/**
 * C types for the i386 System V ABI (ILP32): sizes and alignments as gcc -m32
 * (char signed; long 4; long long 8 with alignment 4 inside structs; double
 * 8/4; long double 12/4), struct/union layout including bit-fields, and the
 * integer promotions / usual arithmetic conversions (C11 6.3.1).
 *
 * Types are plain records; struct types are mutable until completed.
 */

/** The kinds of C types. */
export type TypeKind =
  | "void"
  | "bool"
  | "char"
  | "short"
  | "int"
  | "long"
  | "llong"
  | "float"
  | "double"
  | "ldouble"
  | "enum"
  | "ptr"
  | "func"
  | "array"
  | "struct"
  | "union";

/** A struct or union member. Bit-fields carry bitOffset/bitWidth within the unit at `offset`. */
export interface Member {
  readonly name: string | undefined;
  readonly type: CType;
  offset: number;
  readonly bitWidth?: number;
  bitOffset?: number;
  readonly loc?: unknown;
}

/** A C type. */
export interface CType {
  readonly kind: TypeKind;
  size: number;
  align: number;
  readonly unsigned: boolean;
  /** Pointee (ptr) or element (array). */
  readonly base?: CType;
  /** Array length; -1 when incomplete. */
  len?: number;
  members?: Member[];
  complete?: boolean;
  readonly tag?: string;
  readonly ret?: CType;
  readonly params?: readonly CType[];
  readonly variadic?: boolean;
  /** Declared with `()`: no prototype. */
  readonly oldStyle?: boolean;
  readonly isConst?: boolean;
  readonly isVolatile?: boolean;
  /** Parameter names of a function declarator (for definitions). */
  readonly paramNames?: readonly (import("./lexer.ts").Token | undefined)[];
  /** Set on the type of a bit-field member expression: its width decides promotion (C11 6.3.1.1p2). */
  readonly bitWidth?: number;
  /** A K&R identifier list whose parameter types follow the declarator. */
  readonly knr?: boolean;
}

const scalar = (kind: TypeKind, size: number, unsigned = false, align = size): CType => ({
  kind,
  size,
  align,
  unsigned,
});

/** The basic types. */
export const T = {
  void: scalar("void", 1),
  bool: scalar("bool", 1, true),
  char: scalar("char", 1),
  uchar: scalar("char", 1, true),
  short: scalar("short", 2),
  ushort: scalar("short", 2, true),
  int: scalar("int", 4),
  uint: scalar("int", 4, true),
  long: scalar("long", 4),
  ulong: scalar("long", 4, true),
  llong: scalar("llong", 8, false, 4),
  ullong: scalar("llong", 8, true, 4),
  float: scalar("float", 4),
  double: scalar("double", 8, false, 4),
  ldouble: scalar("ldouble", 12, false, 4),
} as const;

/** `T *`. */
export function pointerTo(base: CType): CType {
  return { kind: "ptr", size: 4, align: 4, unsigned: true, base };
}

/** `T[len]` (len -1 = incomplete). */
export function arrayOf(base: CType, len: number): CType {
  return {
    kind: "array",
    size: len < 0 ? 0 : base.size * len,
    align: base.align,
    unsigned: false,
    base,
    len,
  };
}

/** A function type. */
export function funcType(ret: CType, params: CType[], variadic: boolean, oldStyle: boolean): CType {
  return { kind: "func", size: 1, align: 1, unsigned: false, ret, params, variadic, oldStyle };
}

/** A fresh incomplete struct or union type. */
export function recordType(kind: "struct" | "union", tag: string | undefined): CType {
  return {
    kind,
    size: 0,
    align: 1,
    unsigned: false,
    members: [],
    complete: false,
    ...(tag ? { tag } : {}),
  };
}

/** An enum type (compatible with int). */
export function enumType(tag: string | undefined): CType {
  return { kind: "enum", size: 4, align: 4, unsigned: false, ...(tag ? { tag } : {}) };
}

/** Copy of `t` with a const qualifier. */
export function constOf(t: CType): CType {
  // Struct and union types keep their identity: a qualified copy would not see the type being
  // completed later (`struct s; const struct s *p; struct s { ... };`). Their qualifiers are
  // therefore not tracked (assignments to const struct members are accepted).
  if (isRecord(t)) return t;
  return t.isConst ? t : { ...t, isConst: true };
}

/** Copy of `t` with a volatile qualifier (such objects always live in memory). */
export function volatileOf(t: CType): CType {
  if (isRecord(t)) return t;
  return t.isVolatile ? t : { ...t, isVolatile: true };
}

/** True for integer types (including _Bool, char and enums). */
export function isInteger(t: CType): boolean {
  return ["bool", "char", "short", "int", "long", "llong", "enum"].includes(t.kind);
}

/** True for float, double and long double. */
export function isFloat(t: CType): boolean {
  return t.kind === "float" || t.kind === "double" || t.kind === "ldouble";
}

/** True for arithmetic types. */
export function isArith(t: CType): boolean {
  return isInteger(t) || isFloat(t);
}

/** True for scalar types (arithmetic or pointer). */
export function isScalar(t: CType): boolean {
  return isArith(t) || t.kind === "ptr";
}

/** True for struct and union types. */
export function isRecord(t: CType): boolean {
  return t.kind === "struct" || t.kind === "union";
}

/** True for 64-bit integers. */
export function isLong64(t: CType): boolean {
  return t.kind === "llong";
}

/** Integer conversion rank (C11 6.3.1.1). */
function rank(t: CType): number {
  return { bool: 0, char: 1, short: 2, int: 3, enum: 3, long: 4, llong: 5 }[t.kind as "int"] ?? 3;
}

/** The integer promotion of `t` (C11 6.3.1.1p2). */
export function promote(t: CType): CType {
  if (!isInteger(t)) return t;
  if (t.bitWidth !== undefined && t.bitWidth < 32) return T.int; // int holds every value of the field
  if (rank(t) < 3) return T.int;
  if (t.kind === "enum") return T.int;
  return t;
}

/** The common real type of the usual arithmetic conversions (C11 6.3.1.8). */
export function commonType(a: CType, b: CType): CType {
  if (a.kind === "ldouble" || b.kind === "ldouble") return T.ldouble;
  if (a.kind === "double" || b.kind === "double") return T.double;
  if (a.kind === "float" || b.kind === "float") return T.float;
  const x = promote(a), y = promote(b);
  if (x.kind === y.kind && x.unsigned === y.unsigned) return x;
  const [hi, lo] = rank(x) >= rank(y) ? [x, y] : [y, x];
  if (hi.unsigned === lo.unsigned || hi.unsigned) return hi;
  if (hi.size > lo.size) return hi;
  return { ...hi, unsigned: true, isConst: false };
}

/** Compatible types for assignment/redeclaration purposes (loose: ignores qualifiers). */
export function sameType(a: CType, b: CType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "ptr" || a.kind === "array") return sameType(a.base!, b.base!);
  if (isRecord(a) || a.kind === "enum") return a.members === b.members && a.tag === b.tag;
  if (a.kind === "func") {
    return sameType(a.ret!, b.ret!) && (a.oldStyle || b.oldStyle ||
      (a.params!.length === b.params!.length &&
        a.params!.every((p, i) => sameType(p, b.params![i]))));
  }
  return a.unsigned === b.unsigned;
}

/** Renders a type for diagnostics, e.g. `unsigned int *`. */
export function typeName(t: CType): string {
  switch (t.kind) {
    case "ptr":
      return `${typeName(t.base!)} *`;
    case "array":
      return `${typeName(t.base!)}[${t.len! < 0 ? "" : t.len}]`;
    case "func":
      return `${typeName(t.ret!)} (${t.params!.map(typeName).join(", ")})`;
    case "struct":
    case "union":
    case "enum":
      return `${t.kind} ${t.tag ?? "<anonymous>"}`;
    case "llong":
      return t.unsigned ? "unsigned long long" : "long long";
    case "bool":
      return "_Bool";
    case "ldouble":
      return "long double";
    default:
      return (t.unsigned ? "unsigned " : "") + t.kind;
  }
}

/** Rounds `n` up to a multiple of `align`. */
export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/**
 * Lays out members of a struct/union as gcc -m32 does and completes the type.
 * Bit-fields pack into units of their declared type and never straddle a unit
 * boundary; a zero-width bit-field closes the current unit; unnamed bit-fields
 * do not raise the struct's alignment.
 */
export function layoutRecord(t: CType, members: Member[], packedAlign = 0): void {
  let bits = 0, align = 1, size = 0;
  for (const m of members) {
    const unit = m.type.size * 8;
    const malign = packedAlign ? Math.min(packedAlign, m.type.align) : m.type.align;
    if (m.bitWidth !== undefined) {
      if (m.bitWidth === 0) {
        bits = alignTo(bits, unit);
        continue;
      }
      if (t.kind === "union") bits = 0;
      else if (Math.floor(bits / unit) !== Math.floor((bits + m.bitWidth - 1) / unit)) {
        bits = alignTo(bits, unit);
      }
      m.offset = Math.floor(bits / unit) * m.type.size;
      m.bitOffset = bits - m.offset * 8;
      bits += m.bitWidth;
      if (m.name !== undefined) align = Math.max(align, malign);
    } else {
      if (t.kind === "union") bits = 0;
      bits = alignTo(bits, malign * 8);
      m.offset = bits / 8;
      bits += m.type.size * 8;
      align = Math.max(align, malign);
    }
    size = Math.max(size, Math.ceil(bits / 8));
  }
  t.members = members;
  t.align = align;
  t.size = alignTo(size, align);
  t.complete = true;
}
