// Where the text of a Python expression comes from, as a list of pieces:
// string literals of this file (with the values of their `%`/`.format`
// placeholders, where those are known too) and computed pieces. A name is
// followed to its assignments (`x = ...`, then `x += ...`, in order), a
// parameter to the one call of its function in this file, a call to its
// function's one `return`. What is not a literal of this file stays a
// computed piece: a parameter nobody in this file passes (the caller's
// code), a `join`, a loop. Nothing is evaluated; nothing is guessed.
import type { PyLiteral } from './pythonStrings';
import { callsOf, closingBracket, splitTopLevel, type PyFlow, type PyFunction, type PyStatement } from './pythonFlow';
import { callArguments, parseExpr, type PyExpr } from './pythonExpr';

/** Code adding a piece runs only when a condition holds (`if more_init:`). */
export interface PieceCondition {
  /** The condition's header, as written. */
  text: string;
  at: number;
}

export interface LiteralPiece {
  kind: 'literal';
  literal: PyLiteral;
  /** The literal is a `%` or `.format` template (an f-string is a `format` one). */
  template: 'percent' | 'format' | 'none';
  /** The value of a placeholder key where this file shows it. */
  fill: (key: string) => Value | undefined;
  condition?: PieceCondition;
}

export interface OpaquePiece {
  kind: 'opaque';
  start: number;
  end: number;
  /** A parameter of a function that no code of this file calls: whoever calls it supplies the text. */
  caller?: { fn: string; param: string };
  /** Why the value is not known, for messages: "a loop builds it". */
  why: string;
  condition?: PieceCondition;
}

export type Piece = LiteralPiece | OpaquePiece;
export type Value = Piece[];

interface Binding {
  expr: PyExpr;
  ctx: Ctx;
}

interface Ctx {
  fn?: PyFunction;
  /** Only statements before this offset count. */
  at: number;
  bindings?: Map<string, Binding>;
  depth: number;
}

const MAX_DEPTH = 16;

function opaque(expr: { start: number; end: number }, why: string, caller?: OpaquePiece['caller']): Value {
  return [{ kind: 'opaque', start: expr.start, end: expr.end, why, ...(caller ? { caller } : {}) }];
}

function withCondition(value: Value, condition: PieceCondition | undefined): Value {
  return condition ? value.map((p) => (p.condition ? p : { ...p, condition })) : value;
}

/** A fill that follows each key once, however often the template names it. */
function once(fill: (key: string) => Value | undefined): (key: string) => Value | undefined {
  const known = new Map<string, Value | undefined>();
  return (key) => {
    if (!known.has(key)) known.set(key, fill(key));
    return known.get(key);
  };
}

export class PieceResolver {
  /**
   * Literals of assignments that made a name computed (a loop builds it): part
   * of the module, though not of its C text, so not reported again on their own.
   */
  readonly consumed = new Set<PyLiteral>();

  constructor(private readonly flow: PyFlow) {}

  /**
   * The pieces of the expression of `statement` that holds offset `at`: the
   * whole expression, or the entry of a dict, list or tuple display holding
   * it (a rules table whose one entry is the module's template).
   */
  ofStatement(statement: PyStatement, at: number = statement.exprStart): Value {
    let span = { start: statement.exprStart, end: statement.exprEnd };
    for (let expr = parseExpr(this.flow, span.start, span.end); expr.kind === 'other'; expr = parseExpr(this.flow, span.start, span.end)) {
      const inner = this.displayEntry(span, at);
      if (!inner) break;
      span = inner;
    }
    return this.value(parseExpr(this.flow, span.start, span.end), { fn: statement.fn, at: statement.line.start, depth: 0 });
  }

  /** The entry (a dict entry's value) of the display `span` that holds `at`. */
  private displayEntry(span: { start: number; end: number }, at: number): { start: number; end: number } | undefined {
    const { source, literals } = this.flow;
    const open = source[span.start];
    if (!open || !'{[('.includes(open) || closingBracket(source, literals, span.start) !== span.end - 1) return undefined;
    const entry = splitTopLevel(source, literals, span.start + 1, span.end - 1).find((e) => e.start <= at && at < e.end);
    if (!entry) return undefined;
    if (open !== '{') return entry;
    const parts = splitTopLevel(source, literals, entry.start, entry.end, ':');
    return parts.length === 2 && parts[1]!.start <= at ? parts[1] : undefined;
  }

  private value(expr: PyExpr, ctx: Ctx): Value {
    if (ctx.depth > MAX_DEPTH) return opaque(expr, 'it is built too indirectly to follow');
    const deeper: Ctx = { ...ctx, depth: ctx.depth + 1 };
    switch (expr.kind) {
      case 'str':
        return expr.literals.map((literal) => this.literalPiece(literal, literal.fstring ? 'format' : 'none', literal.fstring ? once((key) => this.fieldValue(key, deeper)) : () => undefined));
      case 'concat':
        return expr.parts.flatMap((part) => this.value(part, deeper));
      case 'percent':
      case 'format': {
        const template = this.value(expr.template, deeper);
        if (!template.every((p) => p.kind === 'literal' && p.template === 'none')) return opaque(expr, 'its template is not a string of this Python file');
        const fills = expr.fills;
        const fill = once((key: string): Value | undefined => {
          // `% locals()`: each key is a name where the template is filled.
          if (fills === 'scope') return this.fieldValue(key, deeper);
          const e = fills?.get(key);
          return e ? this.value(e, deeper) : undefined;
        });
        return template.map((p) => ({ ...(p as LiteralPiece), template: expr.kind, fill }));
      }
      case 'name':
        return this.name(expr.name, expr, deeper);
      case 'call':
        return this.call(expr, deeper);
      case 'other':
        return opaque(expr, 'it is computed');
    }
  }

  private literalPiece(literal: PyLiteral, template: LiteralPiece['template'], fill: LiteralPiece['fill']): LiteralPiece {
    return { kind: 'literal', literal, template, fill };
  }

  /** An f-string field that is a plain name: its value where the f-string is. */
  private fieldValue(key: string, ctx: Ctx): Value | undefined {
    if (!/^[A-Za-z_]\w*$/.test(key)) return undefined;
    const value = this.name(key, { start: -1, end: -1 }, ctx);
    return value.length === 1 && value[0]!.kind === 'opaque' && !value[0]!.caller ? undefined : value;
  }

  private condition(statement: PyStatement): PieceCondition | undefined {
    const block = [...statement.blocks].reverse().find((b) => b.kind !== 'with');
    return block ? { text: this.flow.source.slice(block.line.start, block.line.end), at: block.line.start } : undefined;
  }

  private name(name: string, expr: { start: number; end: number }, ctx: Ctx): Value {
    const assignments = this.flow.statements.filter((s) => s.fn === ctx.fn && s.target === name && s.line.start < ctx.at);
    if (assignments.length) {
      if (assignments.some((s) => s.blocks.some((b) => b.kind === 'loop'))) {
        for (const s of assignments) for (const l of this.flow.literals) if (l.start >= s.exprStart && l.end <= s.exprEnd) this.consumed.add(l);
        return opaque(expr, `a loop builds \`${name}\``);
      }
      let value: Value | undefined;
      for (const s of assignments) {
        const condition = this.condition(s);
        const part = this.value(parseExpr(this.flow, s.exprStart, s.exprEnd), { ...ctx, at: s.line.start });
        if (s.kind === 'assign') {
          if (condition) return opaque(expr, `\`${name}\` is assigned under a condition`);
          value = part;
        } else {
          if (!value) return opaque(expr, `\`${name}\` is added to before it is assigned`);
          value = [...value, ...withCondition(part, condition)];
        }
      }
      return value!;
    }
    const bound = ctx.bindings?.get(name);
    if (bound) return this.value(bound.expr, { ...bound.ctx, depth: ctx.depth });
    const fn = ctx.fn;
    if (fn && fn.params.some((p) => p.name === name)) return this.parameter(fn, name, expr, ctx);
    if (fn) {
      const global = this.flow.statements.filter((s) => s.fn === undefined && s.target === name);
      if (global.length) return this.name(name, expr, { fn: undefined, at: this.flow.source.length, depth: ctx.depth });
    }
    return opaque(expr, `\`${name}\` is not given its text in this Python file`);
  }

  /** A parameter not bound by a call we came through: the one call of its function in this file. */
  private parameter(fn: PyFunction, name: string, expr: { start: number; end: number }, ctx: Ctx): Value {
    const calls = callsOf(this.flow, fn.name);
    if (calls.length === 0) return opaque(expr, `the caller of ${fn.name}() passes \`${name}\``, { fn: fn.name, param: name });
    if (calls.length > 1) return opaque(expr, `${fn.name}() is called from ${calls.length} places, with different \`${name}\` each time`);
    const call = calls[0]!;
    const caller = this.enclosing(call.open);
    const bindings = this.bind(fn, call, { fn: caller, at: call.open, depth: ctx.depth });
    const binding = bindings?.get(name);
    if (!binding) return opaque(expr, `the call of ${fn.name}() does not pass \`${name}\` plainly`);
    return this.value(binding.expr, { ...binding.ctx, depth: ctx.depth });
  }

  private call(expr: Extract<PyExpr, { kind: 'call' }>, ctx: Ctx): Value {
    const fns = this.flow.functions.filter((f) => f.name === expr.callee);
    if (fns.length !== 1) return opaque(expr, `${expr.callee}() is not one function of this Python file`);
    const fn = fns[0]!;
    const returns = this.flow.statements.filter((s) => s.fn === fn && s.kind === 'return');
    if (returns.length !== 1 || returns[0]!.blocks.length) return opaque(expr, `${fn.name}() does not end in one return`);
    const bindings = new Map<string, Binding>();
    fn.params.forEach((param, i) => {
      const given = expr.kwargs.get(param.name) ?? expr.args[i];
      if (given) bindings.set(param.name, { expr: given, ctx });
      else if (param.default) bindings.set(param.name, { expr: parseExpr(this.flow, param.default.start, param.default.end), ctx: { fn: undefined, at: fn.header.start, depth: ctx.depth } });
    });
    const ret = returns[0]!;
    return this.value(parseExpr(this.flow, ret.exprStart, ret.exprEnd), { fn, at: ret.line.start, bindings, depth: ctx.depth });
  }

  private bind(fn: PyFunction, call: { open: number; close: number }, ctx: Ctx): Map<string, Binding> | undefined {
    const parsed = callArguments(this.flow, call.open, call.close);
    if (!parsed) return undefined;
    const bindings = new Map<string, Binding>();
    fn.params.forEach((param, i) => {
      const given = parsed.kwargs.get(param.name) ?? parsed.args[i];
      if (given) bindings.set(param.name, { expr: given, ctx });
    });
    return bindings;
  }

  /** The innermost function whose body holds `offset`. */
  private enclosing(offset: number): PyFunction | undefined {
    let best: PyFunction | undefined;
    for (const f of this.flow.functions) if (offset >= f.bodyStart && offset <= f.bodyEnd && (!best || f.bodyStart >= best.bodyStart)) best = f;
    return best;
  }
}
