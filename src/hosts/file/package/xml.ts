// A small streaming XML tokenizer for the large parts (worksheets, shared strings): the same events as a
// SAX parser (open tag with attributes, text, close tag) found with indexOf over decoded pieces, several
// times faster than a general parser on sheet XML. It checks far less than a validating parser: what it
// cannot make sense of it skips, and the small parts (workbook, relationships, styles) still go through
// saxes.

export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
  isSelfClosing: boolean;
}

export interface XmlHandlers {
  opentag(tag: XmlTag): void;
  text(t: string): void;
  closetag(name: string): void;
}

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    }
  });
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

function attributesOf(s: string): Record<string, string> {
  if (!s) return NO_ATTRIBUTES;
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) out[m[1]] = decodeEntities(m[2] ?? m[3]);
  return out;
}

export class FastXml {
  private buf = '';

  constructor(private h: XmlHandlers) {}

  write(chunk: string): void {
    this.buf += chunk;
    // Everything before the last '<' is whole tags and whole texts.
    const cut = this.buf.lastIndexOf('<');
    if (cut <= 0) return;
    const used = this.scan(this.buf, cut);
    this.buf = this.buf.slice(used);
  }

  close(): void {
    const used = this.scan(this.buf, this.buf.length);
    if (used < this.buf.length && /\S/.test(this.buf.slice(used))) throw new Error('XML 不完整');
    this.buf = '';
  }

  /** Tokens of s[0, end); returns how far it got (a comment or CDATA section may run past end). */
  private scan(s: string, end: number): number {
    const h = this.h;
    let i = 0;
    while (i < end) {
      const lt = s.indexOf('<', i);
      if (lt < 0 || lt >= end) {
        h.text(decodeEntities(s.slice(i, end)));
        return end;
      }
      if (lt > i) h.text(decodeEntities(s.slice(i, lt)));
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith('<![CDATA[', lt)) {
          const e = s.indexOf(']]>', lt + 9);
          if (e < 0) return lt;
          h.text(s.slice(lt + 9, e));
          i = e + 3;
        } else {
          const close = s.startsWith('<!--', lt) ? '-->' : '>';
          const e = s.indexOf(close, lt + 2);
          if (e < 0) return lt;
          i = e + close.length;
        }
        continue;
      }
      const gt = s.indexOf('>', lt);
      if (gt < 0) return lt;
      if (c === 63 /* ? */) {
        i = gt + 1;
        continue;
      }
      if (c === 47 /* / */) {
        h.closetag(s.slice(lt + 2, gt).trim());
        i = gt + 1;
        continue;
      }
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      const inner = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
      let n = 0;
      while (n < inner.length) {
        const k = inner.charCodeAt(n);
        if (k === 32 || k === 9 || k === 10 || k === 13) break;
        n++;
      }
      const name = inner.slice(0, n);
      h.opentag({ name, attributes: attributesOf(inner.slice(n)), isSelfClosing: selfClosing });
      if (selfClosing) h.closetag(name);
      i = gt + 1;
    }
    return i;
  }
}
