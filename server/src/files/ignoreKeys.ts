// A cheap, exact pre-test for a .gitignore: most paths of a tree match no
// rule at all, and asking the `ignore` library runs every rule's regular
// expression on them (a hundred rules, two thousand paths: most of the walk).
//
// A rule's literal characters and plain bracket expressions (not wildcards,
// escapes or other brackets) must appear in any path it matches, within one
// path segment; and when the rule ends in them (`*.o`, `build/`), they end a
// segment. So each rule that ignores has a key: the word it ends in, else its
// longest word. A rule anchored at its folder by a first folder name
// (`doc/build`, `/release`) can besides only match below that name. A path
// holding no key of the rules it can reach is matched by none of them, nor
// is any of its parent folders (each a prefix of it), so it is not ignored;
// only a path holding a key is handed to the library, which decides.
// Negations (`!x`) never make a path ignored, so they need no key. An
// ignoring rule with no literal word at all (`*`, `?.c`) makes every path
// worth asking.
//
// Keys are compiled with the `i` flag, as the library compiles the rules
// (case-insensitive, non-Unicode), so both agree on what matches what.

export interface RuleKey {
  /** Regular expression source of a word that any path the rule matches holds, within one segment. */
  word: string;
  /** The same word in lower case, when it is plain ASCII text (no class, no `?`): tested without a regular expression. */
  plain: string | undefined;
  /** Where the word may stand in its segment: anywhere, at its end, or as the whole of it. */
  place: 'inside' | 'end' | 'whole';
  /** For a rule anchored at its folder by a folder name: that name (`doc` of `doc/build`), as a whole-string test. */
  first?: RegExp;
}

/**
 * Whether a path, given as its segments and the same in lower case, holds
 * the key. A key that is not plain text is taken as found: the caller then
 * only asks more rules than it needs.
 */
export function keyFound(key: RuleKey, segments: readonly string[], lower: readonly string[]): boolean {
  if (key.first && !key.first.test(segments[0] ?? '')) return false;
  const plain = key.plain;
  if (plain === undefined) return true;
  if (key.place === 'whole') return lower.includes(plain);
  return key.place === 'end' ? lower.some((s) => s.endsWith(plain)) : lower.some((s) => s.includes(plain));
}

interface Word {
  source: string;
  /** Its text, while it is plain ASCII. */
  plain: string | undefined;
  /** Characters (or classes) it stands for: the longest word is the surest key. */
  size: number;
  /** It opens a segment of the pattern (at the start, or after a slash). */
  opens: boolean;
  /** Where it ends in the line. */
  end: number;
}

/**
 * The key of a rule (the line without its `!`), or null for a rule with no
 * literal word. Whatever the reading is not sure of ends
 * a word and is left out: that can only make more paths asked, never fewer.
 */
export function ruleKey(line: string): RuleKey | null {
  const words: Word[] = [];
  let word: Word | undefined;
  let segmentStart = true;
  const add = (source: string, size: number, plain?: string): void => {
    word ??= { source: '', plain: '', size: 0, opens: segmentStart, end: 0 };
    word.source += source;
    word.plain = plain !== undefined && word.plain !== undefined && plain >= ' ' && plain <= '~' ? word.plain + plain.toLowerCase() : undefined;
    word.size += size;
    segmentStart = false;
  };
  const endWord = (at: number, slash: boolean): void => {
    if (word?.size) words.push({ ...word, end: at });
    word = undefined;
    segmentStart = slash;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '[') {
      const close = line.indexOf(']', i + 1);
      // A plain class (`[ocd]`, `[#]`: no negation, range, escape or POSIX class) reads the same in git and in a JavaScript class.
      if (close > i + 1 && /^[^\]\\[\-!^]+$/.test(line.slice(i + 1, close))) {
        add(line.slice(i, close + 1), 1);
        i = close;
        continue;
      }
      endWord(i, false);
      break; // another bracket: where it ends is left to the library, and so is everything after it
    }
    if (ch === '?') {
      add('[^/]', 0); // any one character but a slash, as in git
    } else if (ch === '*' || ch === '/' || ch === '\\' || ch === ']' || !ch.trim()) {
      endWord(i, ch === '/');
      if (ch === '\\') i++; // the escaped character is literal, but it is simpler to leave it out
    } else {
      add(REGEXP_SPECIAL.includes(ch) ? `\\${ch}` : ch, 1, ch);
    }
  }
  endWord(line.length, false);
  if (!words.length) return null;
  const first = firstFolder(line);
  // A rule that ends in a word (or a word and the folder-only slash) matches only where that word ends a segment,
  // and where the word is the whole last segment of the rule, only a segment that is that word.
  const last = words[words.length - 1]!;
  const ends = last.end === line.length || (last.end === line.length - 1 && line.endsWith('/'));
  const chosen = ends ? last : words.reduce((a, b) => (b.size > a.size ? b : a));
  const key: RuleKey = { word: chosen.source, plain: chosen.plain, place: !ends ? 'inside' : last.opens ? 'whole' : 'end' };
  return first === undefined ? key : { ...key, first: new RegExp(`^${escapeRegExp(first)}$`, 'i') };
}

/**
 * The folder name a rule is anchored under: git anchors a pattern with a
 * slash at its start or in its middle at the .gitignore's folder, so when it
 * opens with a plain name and a slash (`doc/build`, `/release/x`), or is a
 * plain name after a leading slash (`/release`), the first segment of any
 * path it matches is that name.
 */
function firstFolder(line: string): string | undefined {
  const lead = line.startsWith('/');
  const rest = lead ? line.slice(1) : line;
  const match = /^([^*?[\]\\\s/]+)(\/|$)/.exec(rest);
  if (!match) return undefined;
  return lead || (match[2] === '/' && rest.length > match[0].length) ? match[1] : undefined;
}

const REGEXP_SPECIAL = '.*+?^${}()|[]\\/';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
