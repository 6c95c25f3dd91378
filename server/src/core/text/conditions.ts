// Evaluates #if conditions with three values: a number, or undefined when
// the answer depends on something the file does not say (a macro the build
// or a header defines). Unknown never collapses to 0 as in a compiler: an
// arm the converter cannot decide must stay.

export type Value = number | undefined;

/** What a macro is at this point: its replacement text, or unknown (defined by the build, or only in some arms). */
export interface MacroEnv {
  /** 'unknown': may or may not be defined; undefined: known not to be defined. */
  lookup(name: string): { body: string } | 'unknown' | undefined;
}

// The u/U/l/L suffix belongs to numbers only: after `(` it would eat the first letter of `(USE_X)`.
const TOKEN = /\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*|&&|\|\||<<|>>|<=|>=|==|!=|[-+*/%<>!~&|^?:(),]))/y;

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    tokens.push((m[1] ?? m[2])!);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** Value of a #if/#elif expression; undefined when unknown or unreadable. */
export function evaluateCondition(text: string, env: MacroEnv, depth = 0): Value {
  const tokens = tokenize(text);
  if (!tokens || depth > 8) return undefined;
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const take = (): string | undefined => tokens[pos++];
  const known = (...vs: Value[]): boolean => vs.every((v) => v !== undefined);

  const primary = (): Value => {
    const t = take();
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = ternary();
      if (take() !== ')') throw new Error('unbalanced');
      return v;
    }
    if (t === '!') {
      const v = primary();
      return v === undefined ? undefined : Number(!v);
    }
    if (t === '-') {
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (t === '+') return primary();
    if (t === '~') {
      const v = primary();
      return v === undefined ? undefined : ~v;
    }
    if (t === 'defined') {
      const paren = peek() === '(';
      if (paren) take();
      const name = take() ?? '';
      if (paren && take() !== ')') throw new Error('unbalanced');
      const found = env.lookup(name);
      return found === 'unknown' ? undefined : Number(found !== undefined);
    }
    if (/^\d/.test(t)) return t.startsWith('0x') || t.startsWith('0X') ? Number.parseInt(t, 16) : t.length > 1 && t.startsWith('0') ? Number.parseInt(t, 8) : Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(') return undefined; // a function-like macro call: not evaluated
      const found = env.lookup(t);
      if (found === undefined || found === 'unknown') return undefined;
      return found.body === '' ? undefined : evaluateCondition(found.body, env, depth + 1);
    }
    throw new Error(`unexpected ${t}`);
  };
  const binary = (levels: string[][], i: number): Value => {
    if (i === levels.length) return primary();
    let left = binary(levels, i + 1);
    while (levels[i]!.includes(peek() ?? '')) {
      const op = take()!;
      const right = binary(levels, i + 1);
      left = apply(op, left, right, known);
    }
    return left;
  };
  const LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const ternary = (): Value => {
    const c = binary(LEVELS, 0);
    if (peek() !== '?') return c;
    take();
    const a = ternary();
    if (take() !== ':') throw new Error('bad ternary');
    const b = ternary();
    if (c === undefined) return a === b ? a : undefined;
    return c ? a : b;
  };
  try {
    const v = ternary();
    return pos === tokens.length ? v : undefined;
  } catch {
    return undefined;
  }
}

function apply(op: string, a: Value, b: Value, known: (...vs: Value[]) => boolean): Value {
  // Short-circuit with one side known decides even when the other is not.
  if (op === '&&') return a === 0 || b === 0 ? 0 : known(a, b) ? 1 : undefined;
  if (op === '||') return (a !== undefined && a !== 0) || (b !== undefined && b !== 0) ? 1 : known(a, b) ? 0 : undefined;
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '<': return Number(a < b);
    case '<=': return Number(a <= b);
    case '>': return Number(a > b);
    case '>=': return Number(a >= b);
    case '<<': return a * 2 ** b;
    case '>>': return Math.floor(a / 2 ** b);
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : Math.trunc(a / b);
    case '%': return b === 0 ? undefined : a % b;
    default: return undefined;
  }
}
