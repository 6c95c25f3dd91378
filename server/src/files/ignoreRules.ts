// One ignore file's rules, as the walker asks them. Two costs are avoided:
// running every rule on a path no rule can match (the keys, ignoreKeys.ts,
// tell the walker which names to ask about at all), and compiling every rule
// of a long file to ask about the few paths that hold a key: the library is
// handed only the rules whose keys the path holds. Every rule that matches
// the path or one of its parent folders is among them, in the file's order,
// so the last rule to match each of those is the same as in the whole file,
// and so is the answer.
import ignore, { type Ignore } from 'ignore';
import { keyFound, ruleKey, type RuleKey } from './ignoreKeys';

/** Whether a path segment (an entry's or a folder's name) holds a key. */
export type NameTest = (name: string) => boolean;

const NOTHING: NameTest = () => false;

interface Rule {
  /** The line, as the library reads it. */
  line: string;
  /** null: a rule with no literal word, which may match anything. */
  key: RuleKey | null;
  /** The library's reading of this line alone, made when first needed. */
  alone?: Ignore;
}

export class IgnoreRules {
  /** Whether a name at the top of the rules' folder holds a key; undefined when every path must be asked. */
  readonly top: NameTest | undefined;
  private readonly rules: Rule[] = [];
  /** Every line reads alone as it does in the file (see the constructor); else the whole file is asked. */
  private readonly byLine: boolean;
  private whole: Ignore | undefined;
  private readonly subsets = new Map<string, Ignore>();
  private readonly compiled = new Map<string, RegExp | undefined>();
  private readonly anywhere: RegExp | undefined;
  private readonly anchored: readonly RuleKey[] = [];

  constructor(private readonly text: string) {
    // Lines as the library splits them (one CR dropped at the very end, CRLF or LF between lines).
    const lines = text.replace(/\r$/, '').split(/\r?\n/);
    let byLine = true;
    let mayMatchAnything = false;
    const keys: RuleKey[] = [];
    lines.forEach((raw, index) => {
      if (!raw) return;
      // The library drops a byte order mark before the first line only, and a CR ending a line it reads by itself.
      if ((index > 0 && raw.startsWith('\uFEFF')) || raw.endsWith('\r')) byLine = false;
      const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.startsWith('#')) return; // a comment
      const negative = line.startsWith('!');
      const body = negative ? line.slice(1) : line;
      if (/^ *$/.test(body)) return; // nothing left once the library trims the spaces: no rule
      const key = ruleKey(body);
      this.rules.push({ line: raw, key });
      if (negative) return; // a negation never makes a path ignored: no name to look for
      if (key === null) mayMatchAnything = true;
      else keys.push(key);
    });
    this.byLine = byLine;
    this.anywhere = this.compile(keys.filter((k) => !k.first));
    this.anchored = keys.filter((k) => k.first);
    this.top = mayMatchAnything ? undefined : this.nameTest(this.compile(this.anchored));
  }

  /** The name test for the folder `name` of the rules' own folder, and below it: the rules anchored under another folder drop out. */
  below(name: string): NameTest {
    return this.nameTest(this.compile(this.anchored.filter((k) => k.first!.test(name))));
  }

  /** The library's answer for `path` (relative to the rules' folder; a folder with its trailing slash). */
  ignores(path: string): boolean {
    if (!this.byLine) return (this.whole ??= ignore().add(this.text)).ignores(path);
    const segments = path.split('/').filter(Boolean);
    const lower = segments.map((s) => s.toLowerCase());
    const picked = this.rules.flatMap((r, index) => (r.key === null || keyFound(r.key, segments, lower) ? [index] : []));
    if (!picked.length) return false;
    const id = picked.join(',');
    let rules = this.subsets.get(id);
    if (!rules) this.subsets.set(id, (rules = ignore().add(picked.map((index) => this.alone(this.rules[index]!)))));
    return rules.ignores(path);
  }

  private alone(rule: Rule): Ignore {
    return (rule.alone ??= ignore().add(rule.line));
  }

  private nameTest(extra: RegExp | undefined): NameTest {
    const anywhere = this.anywhere;
    if (!anywhere) return extra ? (name) => extra.test(name) : NOTHING;
    return extra ? (name) => anywhere.test(name) || extra.test(name) : (name) => anywhere.test(name);
  }

  /** One regular expression for some keys, tested on one segment (`i`, as the library compiles its rules); undefined for none. */
  private compile(keys: readonly RuleKey[]): RegExp | undefined {
    const words = (place: RuleKey['place']): string => [...new Set(keys.filter((k) => k.place === place).map((k) => k.word))].join('|');
    const [whole, end, inside] = [words('whole'), words('end'), words('inside')];
    const source = [whole && `^(?:${whole})$`, end && `(?:${end})$`, inside].filter(Boolean).join('|');
    if (!this.compiled.has(source)) this.compiled.set(source, source ? new RegExp(source, 'i') : undefined);
    return this.compiled.get(source);
  }
}
