// A same-length copy of C source with comments and string/char literal
// contents blanked to spaces (newlines kept). Text scans over the mask cannot
// be fooled by `PyInit_x(void) {` inside a comment or a string, and brace
// matching over it ignores braces in literals. Pure string work, no tree: it
// stays correct where tree-sitter is confused by macros.

export function codeMask(text: string): string {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  let last = 0;
  const blank = (from: number, to: number): void => {
    out.push(text.slice(last, from));
    out.push(text.slice(from, to).replace(/[^\n\r]/g, ' '));
    last = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? n : close + 2;
      blank(i, end);
      i = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      // Line comment; a backslash-newline continues it.
      let end = i + 2;
      while (end < n) {
        const nl = text.indexOf('\n', end);
        if (nl === -1) { end = n; break; }
        const before = text.charCodeAt(nl - 1) === 13 ? nl - 2 : nl - 1;
        if (text.charCodeAt(before) === 92 /* \ */) { end = nl + 1; continue; }
        end = nl;
        break;
      }
      blank(i, end);
      i = end;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      if (c === 39 && isDigitSeparator(text, i)) { i++; continue; }
      let end = i + 1;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 92) { end += 2; continue; }
        if (d === c || d === 10) break;
        end++;
      }
      // Keep the quotes so the mask still shows a literal is there.
      blank(i + 1, Math.min(end, n));
      i = end + 1;
    } else {
      i++;
    }
  }
  out.push(text.slice(last));
  return out.join('');
}

/** A text and its codeMask, handed on by whoever masked it so that a later reader of the same text need not mask it again. */
export interface MaskedText {
  text: string;
  mask: string;
}

/** codeMask(text), taken from `known` when that is this very text: a mask depends on nothing but its text. */
export function maskOf(text: string, known?: MaskedText): string {
  return known !== undefined && known.text === text ? known.mask : codeMask(text);
}

/** C++14 digit separators (1'000) are not char literals. */
function isDigitSeparator(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  const next = text.charCodeAt(i + 1);
  const isHex = (x: number): boolean => (x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102);
  return isHex(prev) && isHex(next) && /[0-9]/.test(text.slice(Math.max(0, i - 20), i).replace(/.*[^0-9A-Fa-fxX']/, '').charAt(0));
}

/** Index of the brace closing the one at `open`, over a mask; -1 if none. */
export function matchBrace(mask: string, open: number): number {
  const openCh = mask[open];
  const closeCh = openCh === '{' ? '}' : openCh === '(' ? ')' : openCh === '[' ? ']' : '';
  if (!closeCh) return -1;
  let depth = 0;
  for (let i = open; i < mask.length; i++) {
    const ch = mask[i];
    if (ch === openCh) depth++;
    else if (ch === closeCh && --depth === 0) return i;
  }
  return -1;
}
