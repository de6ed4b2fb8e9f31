/**
 * The linker's typed error. Every problem the linker detects in its inputs (bad
 * files, undefined or duplicate symbols, relocation overflow, unsupported features)
 * is reported as a `LinkError` carrying one message per problem; nothing else escapes
 * `link()` for bad input.
 *
 * Example message: "undefined reference to `foo' in a.o(.text+0x12)".
 */

/** What went wrong, for callers that branch on it. */
export type LinkErrorKind =
  | "bad-input" // not ELF / wrong machine / truncated / malformed archive
  | "undefined" // undefined symbol references
  | "duplicate" // multiple strong definitions
  | "overflow" // relocation value does not fit its field
  | "unsupported" // valid input the linker does not handle (e.g. TLS GD model)
  | "usage"; // bad options

/** A link failure with one or more messages. */
export class LinkError extends Error {
  /** Creates an error of `kind` with the given messages (at least one). */
  constructor(readonly kind: LinkErrorKind, readonly messages: readonly string[]) {
    super(messages.join("\n"));
    this.name = "LinkError";
  }
}

/** Throws a single-message LinkError. */
export function fail(kind: LinkErrorKind, message: string): never {
  throw new LinkError(kind, [message]);
}
