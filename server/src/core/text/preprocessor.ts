// Preprocessor nesting read from the comment-free mask.
import type { Span } from '../model';

/**
 * Pieces of text[start, end) that one configuration compiles: every
 * directive line of a group is left out, and so is each `#elif`/`#else` arm
 * (the first arm is kept). For parsing a function whose braces balance only
 * per arm. Ranges are ordered and disjoint.
 */
export function firstArmRanges(mask: string, start: number, end: number): Span[] {
  const kept: Span[] = [];
  const groups: boolean[] = []; // per group opened in the range: now in a later arm
  let outerAlternative = false; // in a later arm of a group opened before `start`
  for (let lineStart = start; lineStart < end; ) {
    let lineEnd = mask.indexOf('\n', lineStart);
    while (lineEnd !== -1 && mask[lineEnd - 1] === '\\') lineEnd = mask.indexOf('\n', lineEnd + 1);
    const next = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
    const directive = /^[ \t]*#[ \t]*(\w+)/.exec(mask.slice(lineStart, next))?.[1] ?? '';
    const isGroupLine = /^(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)$/.test(directive);
    const keep = !isGroupLine && !outerAlternative && !groups.includes(true);
    if (directive.startsWith('if') && isGroupLine) groups.push(false);
    else if (directive.startsWith('el') && isGroupLine) {
      if (groups.length) groups[groups.length - 1] = true;
      else outerAlternative = true;
    } else if (directive === 'endif') {
      if (groups.length) groups.pop();
      else outerAlternative = false;
    }
    const last = kept[kept.length - 1];
    if (keep && last && last.end === lineStart) last.end = next;
    else if (keep) kept.push({ start: lineStart, end: next });
    lineStart = next;
  }
  return kept;
}
