// Preprocessor nesting read from the comment-free mask.

/** How many `#if`/`#ifdef`/`#ifndef` groups are open at `offset`. */
export function conditionalDepthAt(mask: string, offset: number): number {
  let depth = 0;
  const directive = /^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b/gm;
  for (let m = directive.exec(mask); m && m.index < offset; m = directive.exec(mask)) {
    if (m[1] === 'endif') depth = Math.max(0, depth - 1);
    else depth++;
  }
  return depth;
}
