/**
 * TLS model relaxation for static executables: the general-dynamic and local-dynamic
 * sequences gcc -fPIC emits (a call to ___tls_get_addr) are rewritten in place to
 * local-exec code, as GNU ld does. Only the exact sequences of the i386 psABI are
 * accepted; anything else is reported as unsupported.
 *
 *   GD  8d 04 1d <x@tlsgd>        leal x@tlsgd(,%ebx,1), %eax
 *       e8 <___tls_get_addr@plt>  call ___tls_get_addr@PLT
 *   →   65 a1 00 00 00 00         movl %gs:0, %eax
 *       81 e8 <tpoff>             subl $TLSend-x, %eax
 *
 *   LDM 8d 83 <x@tlsldm>          leal x@tlsldm(%ebx), %eax
 *       e8 <___tls_get_addr@plt>  call ___tls_get_addr@PLT
 *   →   65 a1 00 00 00 00 90      movl %gs:0, %eax; nop
 *       8d 74 26 00               leal 0(%esi,%eiz,1), %esi
 *
 * After an LDM relaxation %eax is the thread pointer, so R_386_TLS_LDO_32 in code
 * becomes the (negative) TP offset (see relocate.ts).
 */

const GD_PREFIX = [0x8d, 0x04, 0x1d];
const LDM_PREFIX = [0x8d, 0x83];
const CALL = 0xe8;

/** Which relaxable model a relocation type starts, if any. */
export function tlsDynamicModel(type: number): "gd" | "ldm" | null {
  return type === 18 ? "gd" : type === 19 ? "ldm" : null;
}

/** A GD/LDM relocation site: field offset in the bytes, model, and TLSend − S (GD only). */
export interface TlsSite {
  readonly at: number;
  readonly model: "gd" | "ldm";
  readonly posTpoff: number;
}

/**
 * Rewrites the sequence whose TLS field is at byte `site.at` of `bytes`. Returns false
 * (bytes untouched) if the code is not the expected sequence. The call's own
 * relocation, at `at + 5`, must then be skipped.
 */
export function relaxToLocalExec(bytes: Uint8Array, site: TlsSite): boolean {
  const { at, model, posTpoff } = site;
  const prefix = model === "gd" ? GD_PREFIX : LDM_PREFIX;
  const start = at - prefix.length;
  if (start < 0 || at + 9 > bytes.length || bytes[at + 4] !== CALL) return false;
  if (prefix.some((b, i) => bytes[start + i] !== b)) return false;
  if (model === "gd") {
    bytes.set([0x65, 0xa1, 0, 0, 0, 0, 0x81, 0xe8], start);
    new DataView(bytes.buffer, bytes.byteOffset).setInt32(start + 8, posTpoff | 0, true);
  } else {
    bytes.set([0x65, 0xa1, 0, 0, 0, 0, 0x90, 0x8d, 0x74, 0x26, 0x00], start);
  }
  return true;
}
