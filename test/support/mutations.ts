// Seeded text mutations for the fuzz test: the kind of damage a file has
// while someone is typing in it, or when it is half-saved or mis-encoded.
export type Random = () => number;

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random: Random, n: number): number {
  return Math.floor(random() * n);
}

interface Token {
  start: number;
  end: number;
}

// Identifiers, numbers, string and char literals, comment openers, and
// single punctuation characters: close enough to C tokens for mutating.
const TOKEN = /[A-Za-z_]\w*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\*|\*\/|\/\/|\S/g;

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function splice(text: string, start: number, end: number, insert = ''): string {
  return text.slice(0, start) + insert + text.slice(end);
}

// Byte-level noise: controls, a NUL, high Latin-1, a lone surrogate, emoji,
// and the C characters that change structure most.
const NOISE = ['\0', '\x01', '\x7f', '\t', '\r', '\n', '\u00e9', '\ud800', '\u{1F600}', '{', '}', '(', ')', ';', '#', '"', "'", '\\', '/*', '*/', '#if 1\n', '#endif\n'];

export const MUTATORS = {
  dropToken(text: string, random: Random): string {
    const all = tokens(text);
    if (all.length === 0) return text;
    const t = all[pick(random, all.length)]!;
    return splice(text, t.start, t.end);
  },
  duplicateToken(text: string, random: Random): string {
    const all = tokens(text);
    if (all.length === 0) return text;
    const t = all[pick(random, all.length)]!;
    return splice(text, t.end, t.end, ` ${text.slice(t.start, t.end)}`);
  },
  dropTokenRun(text: string, random: Random): string {
    const all = tokens(text);
    if (all.length === 0) return text;
    const first = pick(random, all.length);
    const last = Math.min(all.length - 1, first + pick(random, 12));
    return splice(text, all[first]!.start, all[last]!.end);
  },
  truncate(text: string, random: Random): string {
    return text.slice(0, pick(random, text.length + 1));
  },
  randomBytes(text: string, random: Random): string {
    let out = text;
    for (let n = 1 + pick(random, 4); n > 0; n--) {
      const at = pick(random, out.length + 1);
      const noise = random() < 0.5 ? NOISE[pick(random, NOISE.length)]! : String.fromCharCode(pick(random, 0x250));
      out = random() < 0.5 ? splice(out, at, at, noise) : splice(out, at, Math.min(out.length, at + 1), noise);
    }
    return out;
  },
  dropBracket(text: string, random: Random): string {
    const positions = [...text.matchAll(/[{}()[\]]/g)].map((m) => m.index);
    let out = text;
    // Delete from the end so earlier positions stay valid.
    const chosen = new Set<number>();
    for (let n = 1 + pick(random, 3); n > 0 && positions.length > 0; n--) chosen.add(positions[pick(random, positions.length)]!);
    for (const at of [...chosen].sort((a, b) => b - a)) out = splice(out, at, at + 1);
    return out;
  },
  /** A dropped #endif, a stray #else, or a directive moved into another arm: #if groups that no longer pair up. */
  unbalanceDirectives(text: string, random: Random): string {
    const lines = text.split('\n');
    const directives = lines.flatMap((l, i) => (/^\s*#\s*(?:if|ifdef|ifndef|elif|else|endif)\b/.test(l) ? [i] : []));
    const at = pick(random, lines.length);
    const choice = pick(random, 4);
    if (choice === 0 && directives.length > 0) lines.splice(directives[pick(random, directives.length)]!, 1);
    else if (choice === 1) lines.splice(at, 0, '#else');
    else if (choice === 2) lines.splice(at, 0, random() < 0.5 ? '#if PY_MAJOR_VERSION >= 3' : '#endif');
    else if (directives.length > 0) {
      const [line] = lines.splice(directives[pick(random, directives.length)]!, 1);
      lines.splice(pick(random, lines.length + 1), 0, line!);
    }
    return lines.join('\n');
  },
  swapLines(text: string, random: Random): string {
    const lines = text.split('\n');
    if (lines.length < 2) return text;
    const i = pick(random, lines.length);
    const j = pick(random, lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
} satisfies Record<string, (text: string, random: Random) => string>;

export type MutatorName = keyof typeof MUTATORS;
export const MUTATOR_NAMES = Object.keys(MUTATORS) as MutatorName[];

/** One to three mutations in a row, chosen by `random`. */
export function mutate(text: string, random: Random): { text: string; applied: MutatorName[] } {
  const applied: MutatorName[] = [];
  let out = text;
  for (let n = 1 + pick(random, 3); n > 0; n--) {
    const name = MUTATOR_NAMES[pick(random, MUTATOR_NAMES.length)]!;
    out = MUTATORS[name](out, random);
    applied.push(name);
  }
  return { text: out, applied };
}
