// A module whose C a Python file assembles from several string literals:
// a template (`PyInit_%(name)s ... %(init)s`) whose placeholders are filled
// with other literals of the file (`init = """..."""`, `init += ...`), found
// by pieces.ts. The literals are decoded one by one (their own escapes,
// placeholders and indentation) and spliced where their placeholder is, so
// the C analysed is what the Python would build. Computed pieces (a
// parameter the caller passes, a join) stand in as identifiers, calls or
// comments. Each edit of the conversion goes back into the literal it falls
// in; an edit that must change a computed piece is refused.
import { decode, dedent, encoder, escapeRegExp } from './stringCodec';
import type { PyLiteral } from './pythonStrings';
import { standInFor, standInId } from './execCode';
import { reindent, type EditPlace, type Placeholder } from './region';
import type { LiteralPiece, OpaquePiece, PieceCondition, Value } from './pieces';

/** A literal of the assembly, decoded on its own. */
export interface AssembledLiteral {
  literal: PyLiteral;
  /** The string is used more than once in the module (a helper called twice): no edit may go into it. */
  shared?: boolean;
  condition?: PieceCondition;
  /** Host offset of each character of its own text (after dedent), length + 1. */
  hostOf: number[];
  placeholders: Placeholder[];
  encode(newText: string, place: EditPlace): string;
}

/** A run of the C text: part of one literal's own text, or a computed piece's stand-in. */
export type Segment = { kind: 'own'; owner: AssembledLiteral; start: number; end: number; text: string } | { kind: 'opaque'; piece: OpaquePiece; standIn: string; text: string; expr: string };

export interface Assembly {
  literals: AssembledLiteral[];
  segments: Segment[];
  /** Computed pieces, with their stand-in identifiers (messages name them by their Python text). */
  opaque: { piece: OpaquePiece; standIn: string; expr: string; inFunction: boolean }[];
}

/** Thrown when the pieces cannot be put together faithfully (an escape the map cannot carry). */
export class AssemblyError extends Error {}

/** An edit that would have to change a computed piece, or name a value its string cannot: refused `embedded-pieces`. */
export class PiecesError extends Error {}

/** Every stand-in an assembly writes (so one left in edit text is caught). */
const STAND_IN = /\bMPH[SU]?\d+_\w*/;

const keyOf = (placeholder: string): string => /^%\((\w+)\)|^\{\s*([A-Za-z_]\w*)|^#(\w+)#/.exec(placeholder)?.slice(1).find(Boolean) ?? placeholder;

export function assemble(source: string, value: Value): Assembly {
  const literals: AssembledLiteral[] = [];
  const opaqueIds = new Map<string, string>();
  let spliceCount = 0;
  let unresolvedCount = 0;
  const generatorFields = new Map<string, string>();
  /** Placeholders of the generator's own (`#name#`), as read so far. */
  const wholeText: Placeholder[] = [];
  /** One value, one name: a caller's parameter gets the same stand-in in every literal that uses it. */
  const rootId = (piece: OpaquePiece): string => {
    const key = piece.caller ? `${piece.caller.fn}.${piece.caller.param}` : `${piece.start}:${piece.end}`;
    let id = opaqueIds.get(key);
    if (!id) {
      // Named after the parameter, or the first name of the expression outside its strings (`"\n".join(x)`: join).
      const code = source.slice(piece.start, piece.end).replace(/(["'])(?:\\.|(?!\1)[^\\])*\1/g, ' ');
      const hint = piece.caller?.param ?? (/[A-Za-z_]\w*/.exec(code)?.[0] ?? 'piece');
      id = `MPH${opaqueIds.size}_${hint}`;
      opaqueIds.set(key, id);
    }
    return id;
  };

  /** A stand-in as the Python names it, for messages. */
  const describe = (standIn: string): string => {
    for (const l of literals) for (const p of l.placeholders) if (standIn.startsWith(standInId(p.standIn))) return `the value of ${p.source}`;
    const computed = [...opaqueIds.entries()].find(([, id]) => standIn.startsWith(id));
    return computed ? `a computed value (${computed[0]})` : `a value (${standIn})`;
  };

  const build = (pieces: Value): Segment[] => pieces.flatMap((piece): Segment[] => (piece.kind === 'opaque' ? [opaqueSegment(piece)] : literalSegments(piece)));

  const opaqueSegment = (piece: OpaquePiece): Segment => ({ kind: 'opaque', piece, standIn: rootId(piece), text: '', expr: source.slice(piece.start, piece.end) });

  const literalSegments = (piece: LiteralPiece): Segment[] => {
    const again = literals.filter((l) => l.literal === piece.literal);
    for (const l of again) l.shared = true;
    const splices = new Map<string, { id: string; value: Value }>();
    const unresolved = new Map<string, string>();
    // Every stand-in is named here, so two literals never share a name by chance.
    const naming = (text: string, name: string): string => {
      const fill = piece.template === 'none' ? undefined : piece.fill(keyOf(text));
      if (fill && fill.length === 1 && fill[0]!.kind === 'opaque' && fill[0]!.caller) return rootId(fill[0]!);
      // Known text, or computed text whose reason the notes and refusals can give: spliced in.
      if (fill && fill.length > 0) {
        const known = splices.get(text);
        if (known) return known.id;
        const id = `MPHS${spliceCount++}_${name.replace(/\W+/g, '_')}`;
        splices.set(text, { id, value: fill });
        return id;
      }
      // `#name#` is filled by the generator on the whole text it joins: one name across all strings.
      const names = /^#\w+#$/.test(text) ? generatorFields : unresolved;
      let id = names.get(text);
      if (!id) names.set(text, (id = `MPHU${unresolvedCount++}_${name.replace(/\W+/g, '_') || 'x'}`));
      return id;
    };
    const joins = { pieces: false, percent: piece.template === 'percent', format: piece.template === 'format' || piece.literal.fstring };
    let decoded;
    try {
      decoded = decode(source, piece.literal, joins, naming);
    } catch (err) {
      throw new AssemblyError(`the string at offset ${piece.literal.start} holds ${err instanceof Error ? err.message : String(err)}`);
    }
    const dedented = dedent(decoded);
    const { indent } = dedented;
    // Spaces before the closing quotes end no line of C: left out, so they set no indentation style.
    const tail = /\n([ \t]+)$/.exec(dedented.text);
    const text = tail ? dedented.text.slice(0, -tail[1]!.length) : dedented.text;
    const hostOf = dedented.hostOf.slice(0, text.length + 1);
    const isSplice = (p: Placeholder): boolean => [...splices.values()].some((s) => standInId(p.standIn) === s.id);
    const own = decoded.placeholders.filter((p) => !isSplice(p));
    for (const p of own) if (generatorFields.has(p.source) && !wholeText.some((q) => q.standIn === p.standIn)) wholeText.push(p);
    // The generator's `#name#` fields may be written into any string (the list fills as the strings are read).
    const writable = (): Placeholder[] => [...own, ...wholeText.filter((p) => !own.some((q) => q.standIn === p.standIn))];
    const encode = encoder(piece.literal, joins, writable, source.slice(piece.literal.bodyStart, piece.literal.bodyEnd));
    const owner: AssembledLiteral = {
      literal: piece.literal,
      ...(again.length ? { shared: true } : {}),
      ...(piece.condition ? { condition: piece.condition } : {}),
      hostOf,
      placeholders: own,
      encode: (newText, place) => {
        const out = encode(reindent(newText, indent, place));
        const left = STAND_IN.exec(out)?.[0];
        if (left) throw new PiecesError(`the converted code in the string at line ${lineAt(source, piece.literal.start)} needs ${describe(left)}, which that string's template does not fill`);
        return out;
      },
    };
    literals.push(owner);
    const segments: Segment[] = [];
    let at = 0;
    const spliced = decoded.placeholders.filter((p) => !own.includes(p));
    const pattern = spliced.length ? new RegExp(spliced.map((p) => escapeRegExp(p.standIn)).join('|'), 'g') : undefined;
    for (const m of pattern ? text.matchAll(pattern) : []) {
      if (m.index > at) segments.push({ kind: 'own', owner, start: at, end: m.index, text: text.slice(at, m.index) });
      const id = standInId(m[0]);
      const splice = [...splices.values()].find((s) => s.id === id)!;
      segments.push(...build(withCondition(splice.value, piece.condition)));
      at = m.index + m[0].length;
    }
    segments.push({ kind: 'own', owner, start: at, end: text.length, text: text.slice(at) });
    return segments;
  };

  const segments = build(value);
  const opaque = standIns(segments);
  return { literals, segments, opaque };
}

/** 1-based line of an offset. */
export function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

function withCondition(value: Value, condition: PieceCondition | undefined): Value {
  return condition ? value.map((p) => (p.condition ? p : { ...p, condition })) : value;
}

/**
 * Each computed piece's stand-in for its place in the C: alone on its
 * lines inside a function body it is code the tool cannot see, so it stands
 * in as a call of a function defined elsewhere (what the state analysis
 * treats as unknown state); elsewhere alone on its lines, a comment; inside
 * a line, an identifier.
 */
function standIns(segments: Segment[]): Assembly['opaque'] {
  const found: Assembly['opaque'] = [];
  let before = '';
  segments.forEach((segment, i) => {
    if (segment.kind === 'own') {
      before += segment.text;
      return;
    }
    const after = segments.slice(i + 1).map((s) => (s.kind === 'own' ? s.text : 'x')).join('');
    segment.text = standInFor(segment.standIn, before, after.split('\n')[0]!);
    const inFunction = segment.text.endsWith('();');
    found.push({ piece: segment.piece, standIn: segment.standIn, expr: segment.expr, inFunction });
    before += segment.text;
  });
  return found;
}

