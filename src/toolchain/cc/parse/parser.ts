/**
 * Parser state shared by the declaration, expression, statement and
 * initializer parsers: the token cursor, block scopes (ordinary identifiers
 * and tags, C11 6.2.1), the function being defined and the translation
 * unit's globals.
 *
 * Failure contract: `expect` and friends throw CompileError at the current
 * token with a gcc-like message.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node, Obj } from "../ast.ts";
import { arrayOf, type CType, T } from "../types.ts";

/** What an ordinary identifier denotes in a scope. */
export interface ScopeEntry {
  obj?: Obj;
  typedef?: CType;
  enumVal?: bigint;
  enumType?: CType;
}

interface Scope {
  readonly vars: Map<string, ScopeEntry>;
  readonly tags: Map<string, CType>;
}

/** The parser's cursor and symbol tables. */
export class Parser {
  pos = 0;
  private scopes: Scope[] = [{ vars: new Map(), tags: new Map() }];
  readonly globals: Obj[] = [];
  fn: Obj | undefined;
  fnLocals: Obj[] = [];
  gotoLabels = new Map<string, string>();
  brk: string | undefined;
  cont: string | undefined;
  sw: Node | undefined;
  private uniq = 0;

  constructor(readonly toks: Token[]) {}

  get tok(): Token {
    return this.toks[this.pos];
  }

  peek(n = 1): Token {
    return this.toks[Math.min(this.pos + n, this.toks.length - 1)];
  }

  next(): Token {
    const t = this.toks[this.pos];
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  /** True when the current token is the punctuator or keyword `s`. */
  is(s: string): boolean {
    const t = this.tok;
    return t.text === s && (t.kind === "punct" || t.kind === "ident");
  }

  /** Consumes `s` when present. */
  accept(s: string): boolean {
    if (!this.is(s)) return false;
    this.pos++;
    return true;
  }

  expect(s: string): Token {
    if (!this.is(s)) {
      fail(
        this.tok.loc,
        `expected '${s}' before ${this.tok.kind === "eof" ? "end of input" : `'${this.tok.text}'`}`,
      );
    }
    return this.next();
  }

  ident(): Token {
    if (this.tok.kind !== "ident") {
      fail(this.tok.loc, `expected identifier before '${this.tok.text || "end of input"}'`);
    }
    return this.next();
  }

  enterScope(): void {
    this.scopes.push({ vars: new Map(), tags: new Map() });
  }

  leaveScope(): void {
    this.scopes.pop();
  }

  get atFileScope(): boolean {
    return this.scopes.length === 1;
  }

  lookup(name: string): ScopeEntry | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const e = this.scopes[i].vars.get(name);
      if (e) return e;
    }
    return undefined;
  }

  /** Looks up a name in the innermost scope only. */
  lookupLocal(name: string): ScopeEntry | undefined {
    return this.scopes[this.scopes.length - 1].vars.get(name);
  }

  declare(name: string, e: ScopeEntry): void {
    this.scopes[this.scopes.length - 1].vars.set(name, e);
  }

  lookupTag(name: string, innermostOnly = false): CType | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].tags.get(name);
      if (t || innermostOnly) return t;
    }
    return undefined;
  }

  declareTag(name: string, t: CType): void {
    this.scopes[this.scopes.length - 1].tags.set(name, t);
  }

  /** True when the current token names a typedef. */
  isTypedefName(t: Token = this.tok): boolean {
    return t.kind === "ident" && this.lookup(t.text)?.typedef !== undefined;
  }

  /** A fresh assembler label. */
  label(): string {
    return `.L${this.uniq++}`;
  }

  /** A new local variable of the current function. */
  newLocal(name: string, type: CType, align = type.align): Obj {
    const obj: Obj = {
      name,
      label: "",
      type,
      isLocal: true,
      offset: 0,
      isStatic: false,
      isFunction: false,
      isDefinition: true,
      align,
    };
    this.fnLocals.push(obj);
    return obj;
  }

  /** A new file-scope object with a unique internal label (string literals, statics). */
  newAnonGlobal(type: CType, prefix = ".LC"): Obj {
    const obj: Obj = {
      name: "",
      label: `${prefix}${this.uniq++}`,
      type,
      isLocal: false,
      offset: 0,
      isStatic: true,
      isFunction: false,
      isDefinition: true,
      align: type.align,
    };
    this.globals.push(obj);
    return obj;
  }

  /** An anonymous global holding a string literal's bytes. */
  stringLiteral(elems: number[], elemType: CType): Obj {
    const n = elems.length + 1;
    const obj = this.newAnonGlobal(arrayOf(elemType, n));
    const data = new Uint8Array(n * elemType.size);
    const dv = new DataView(data.buffer);
    elems.forEach((e, i) => {
      if (elemType.size === 1) dv.setUint8(i, e & 0xff);
      else if (elemType.size === 2) dv.setUint16(i * 2, e, true);
      else dv.setUint32(i * 4, e, true);
    });
    obj.initData = data;
    obj.relocs = [];
    return obj;
  }
}

/** `wchar_t` is `long` on i386 Linux. */
export const WCHAR = T.long;
