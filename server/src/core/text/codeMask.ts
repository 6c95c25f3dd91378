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

/**
 * Like matchBrace for a `{`, but counting only the first arm of each
 * `#if ... #else ... #endif` group, as a compiler sees one configuration:
 * `#if A  if (x) {  #else  if (y) {  #endif` opens one block, not two.
 */
export function matchBodyBrace(mask: string, open: number): number {
  if (mask[open] !== '{') return -1;
  let depth = 0;
  // Open groups seen after `open`; true while in a later (#elif/#else) arm.
  const groups: boolean[] = [];
  let outerAlternative = false;
  let lineStart = true;
  for (let i = open; i < mask.length; i++) {
    const ch = mask[i]!;
    if (ch === '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart && ch === '#') {
      const directive = /^#\s*(\w+)/.exec(mask.slice(i, i + 32))?.[1] ?? '';
      if (directive.startsWith('if')) groups.push(false);
      else if (directive.startsWith('el')) {
        if (groups.length) groups[groups.length - 1] = true;
        else outerAlternative = true;
      } else if (directive === 'endif') {
        if (groups.length) groups.pop();
        else outerAlternative = false;
      }
      // Skip the directive line, continuations included.
      let end = mask.indexOf('\n', i);
      while (end !== -1 && mask[end - 1] === '\\') end = mask.indexOf('\n', end + 1);
      if (end === -1) return -1;
      i = end - 1;
      continue;
    }
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') lineStart = false;
    if (outerAlternative || groups.includes(true)) continue;
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}
