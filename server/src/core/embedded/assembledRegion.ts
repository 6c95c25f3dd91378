// An assembled module (assembly.ts) as an embedded region: the C text of
// all its pieces with the map back into the Python source, and the way each
// edit of the conversion is carried back: into the literal it falls in, text
// it removes from later literals removed there, never into a computed piece,
// never new code into a piece that is only added under a condition.
import type { ConversionOptions } from '../convert/options';
import type { TextEdit } from '../edits';
import type { Span } from '../model';
import { lineAt, PiecesError, type AssembledLiteral, type Assembly, type Segment } from './assembly';
import { EXEC_RETURNS_INT, inIntFunction, placeholderCodeNote } from './execCode';
import type { EmbeddedRegion, Placeholder } from './region';

export { PiecesError };

export interface AssembledRegion extends EmbeddedRegion {
  assembly: Assembly;
  /** Host edits for one edit of the C text. Throws PiecesError, or Error when the edit cannot be written back. */
  hostEdits(edit: TextEdit, host: string): TextEdit[];
  /** What a conversion of this region must say besides the converter's notes: one sentence each. */
  notes(converted: string): string[];
  /** The converted C with what only an assembly needs (see intReturnMacros), and a note for each change. */
  amend(converted: string): { text: string; notes: string[] };
}

const RETURN_NULL_DEFINE = /^([ \t]*#[ \t]*define[ \t]+)(\w+)([ \t]+return[ \t]+)NULL([ \t]*)$/gm;

/**
 * A `#define ERR return NULL` inside what is now an int-returning exec
 * function: the converter expands the uses it sees, but the caller's code
 * (a computed piece) uses the macro too, and `return NULL` there would be
 * wrong in an int function. The macro is made to return -1.
 */
function intReturnMacros(converted: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const text = converted.replace(RETURN_NULL_DEFINE, (whole, head: string, name: string, ret: string, tail: string, offset: number) => {
    if (!inIntFunction(converted, offset)) return whole;
    notes.push(`Macro: \`${name}\` now expands to \`return -1\` instead of \`return NULL\`, since code that uses it runs in the exec function, which returns an int.`);
    return `${head}${name}${ret}-1${tail}`;
  });
  return { text, notes };
}

/** Length of the common end of two texts; unless `chars`, only whole lines (or the final line break). */
function commonEnd(a: string, b: string, chars: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  const lineStart = (t: string, k: number): boolean => k === t.length || t[t.length - k - 1] === '\n';
  const whole = n;
  while (!chars && n > 0 && !(lineStart(a, n) && lineStart(b, n))) n--;
  // The line break ending both is kept too: it may belong to the next piece (`%(init)s` then `\n}`).
  return !chars && n === 0 && whole > 0 && a.endsWith('\n') && b.endsWith('\n') ? 1 : n;
}

/** Length of the common start of two texts; unless `chars`, only whole lines. */
function commonStart(a: string, b: string, chars: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  while (!chars && n > 0 && a[n - 1] !== '\n') n--;
  return n;
}

export function isAssembled(region: EmbeddedRegion): region is AssembledRegion {
  return 'assembly' in region;
}

/**
 * The options a region is converted with: an assembly with computed pieces
 * holds code this tool cannot see, so `auto` does not promise isolated
 * subinterpreters for it (the state analysis covers only what it sees).
 */
export function regionOptions(region: EmbeddedRegion, options: ConversionOptions): ConversionOptions {
  return isAssembled(region) && region.assembly.opaque.length > 0 && options.multipleInterpreters === 'auto' ? { ...options, multipleInterpreters: 'not_supported' } : options;
}

interface Placed {
  segment: Segment;
  /** Where the segment starts in the C text. */
  at: number;
}

export function assembledRegion(source: string, assembly: Assembly): AssembledRegion {
  const placed: Placed[] = [];
  let text = '';
  const hostOf: number[] = [];
  for (const segment of assembly.segments) {
    placed.push({ segment, at: text.length });
    text += segment.text;
    if (segment.kind === 'own') for (let i = segment.start; i < segment.end; i++) hostOf.push(segment.owner.hostOf[i]!);
    else for (let i = 0; i < segment.text.length; i++) hostOf.push(i === 0 ? segment.piece.start : -1);
  }
  const last = [...assembly.segments].reverse().find((s) => s.kind === 'own');
  hostOf.push(last && last.kind === 'own' ? last.owner.hostOf[last.end]! : source.length);

  const placeholders: Placeholder[] = [];
  for (const l of assembly.literals) for (const p of l.placeholders) if (!placeholders.some((q) => q.standIn === p.standIn)) placeholders.push(p);
  for (const o of assembly.opaque) placeholders.push({ source: `\`${o.expr}\``, standIn: o.standIn });

  // The template holding PyInit_ names the module's place ("template at line N").
  const root = assembly.literals.find((l) => /\bPyInit_/.test(source.slice(l.literal.bodyStart, l.literal.bodyEnd))) ?? assembly.literals[0]!;
  const hostSpan: Span = { start: root.literal.start, end: root.literal.end };

  /** Segments a C range touches, with the part of each it covers (in the segment's own offsets). */
  const touched = (start: number, end: number): { p: Placed; from: number; to: number }[] =>
    placed.filter(({ segment, at }) => at < end && at + segment.text.length > start).map((p) => ({ p, from: Math.max(start, p.at) - p.at, to: Math.min(end, p.at + p.segment.text.length) - p.at }));

  const hostAt = (owner: AssembledLiteral, local: number): number => {
    const host = owner.hostOf[local]!;
    if (host < 0) throw new Error('an edit would cut through a template placeholder');
    return host;
  };

  const pieceAt = (offset: number): number => placed.findIndex(({ segment, at }) => offset >= at && offset < at + segment.text.length);

  /**
   * A line edit that crosses pieces, as one edit per piece: each new line goes
   * to the piece of the removed line it continues (the same start), so a line
   * changed in a conditional piece stays in it; other new lines follow the line
   * before them.
   */
  const perPiece = (edit: TextEdit): TextEdit[] => {
    const removed = text.slice(edit.start, edit.end).split(/(?<=\n)/).filter((l) => l !== '');
    const lines: { start: number; end: number; piece: number; text: string }[] = [];
    let at = edit.start;
    for (const line of removed) {
      const piece = pieceAt(at);
      if (pieceAt(at + line.length - 1) !== piece) return [edit];
      lines.push({ start: at, end: at + line.length, piece, text: line });
      at += line.length;
    }
    const key = (line: string): string => line.trim().slice(0, 12);
    const groups = new Map<number, string[]>();
    let current = lines[0]!.piece;
    for (const added of edit.newText.split(/(?<=\n)/).filter((l) => l !== '')) {
      const match = lines.find((l) => l.piece >= current && key(l.text).length >= 6 && key(l.text) === key(added));
      if (match) current = match.piece;
      groups.set(current, [...(groups.get(current) ?? []), added]);
    }
    const pieces = [...new Set(lines.map((l) => l.piece))];
    return pieces.map((piece) => {
      const own = lines.filter((l) => l.piece === piece);
      return { start: own[0]!.start, end: own[own.length - 1]!.end, newText: (groups.get(piece) ?? []).join('') };
    });
  };

  const hostEdits = (whole: TextEdit, host: string): TextEdit[] => {
    const edit = { ...whole };
    if (touched(edit.start, edit.end).length > 1) {
      // Line edits that cross pieces: the whole lines they keep at either end stay as they are; on a
      // line holding a computed piece's stand-in, so do the characters they keep.
      const computed = touched(edit.start, edit.end).some(({ p }) => p.segment.kind === 'opaque');
      const removed = text.slice(edit.start, edit.end);
      const tail = commonEnd(removed, edit.newText, computed);
      edit.end -= tail;
      edit.newText = edit.newText.slice(0, edit.newText.length - tail);
      const head = commonStart(text.slice(edit.start, edit.end), edit.newText, computed);
      edit.start += head;
      edit.newText = edit.newText.slice(head);
    }
    const split = touched(edit.start, edit.end).length > 1 ? perPiece(edit) : [edit];
    return split.flatMap((one) => pieceEdits(one, host)).sort((a, b) => a.start - b.start);
  };

  const pieceEdits = (edit: TextEdit, host: string): TextEdit[] => {
    const parts = touched(edit.start, edit.end);
    const computed = parts.find(({ p }) => p.segment.kind === 'opaque');
    if (computed && computed.p.segment.kind === 'opaque') {
      throw new PiecesError(`the conversion must change code that comes from \`${computed.p.segment.expr}\` (${computed.p.segment.piece.why}), which is not a string of this Python file`);
    }
    const edits: TextEdit[] = [];
    for (const { p, from, to } of parts) {
      const s = p.segment as Extract<Segment, { kind: 'own' }>;
      if (s.owner.shared) throw new PiecesError(`the conversion must change the string at line ${lineAt(source, s.owner.literal.start)}, which the module uses in more than one place`);
      edits.push({ start: hostAt(s.owner, s.start + from), end: hostAt(s.owner, s.start + to), newText: '' });
    }
    if (edit.newText === '') return edits;
    // The new text goes where the edit starts: the segment holding that character, or the one ending there.
    const holds = ({ segment, at }: Placed): boolean => at <= edit.start && edit.start < at + segment.text.length;
    const holder = placed.filter((p) => p.segment.kind === 'own' && (holds(p) || p.at + p.segment.text.length === edit.start)).sort((a, b) => Number(holds(b)) - Number(holds(a)));
    const within = parts.length === 1 ? parts[0]!.p : undefined;
    const target = holder.find(({ segment }) => segment.kind === 'own' && !segment.owner.shared && (!segment.owner.condition || segment === within?.segment)) ?? holder.find(({ segment }) => segment.kind === 'own' && segment.owner.shared);
    if (!target || target.segment.kind !== 'own') {
      const cond = holder.map(({ segment }) => (segment.kind === 'own' ? segment.owner.condition : undefined)).find(Boolean);
      throw new PiecesError(cond ? `the conversion must add code to the piece that \`${cond.text}\` (line ${lineAt(source, cond.at)}) adds only under its condition` : 'the conversion must add code between two pieces of the template');
    }
    const seg = target.segment;
    if (seg.owner.shared) throw new PiecesError(`the conversion must add code to the string at line ${lineAt(source, seg.owner.literal.start)}, which the module uses in more than one place`);
    const local = seg.start + Math.min(Math.max(edit.start - target.at, 0), seg.text.length);
    const at = hostAt(seg.owner, local);
    const startsBlankLine = (edit.start === 0 || text[edit.start - 1] === '\n') && /^(\r?\n|$)/.test(text.slice(edit.start, edit.start + 2));
    const endsOwner = local === seg.owner.hostOf.length - 1;
    const hostAfter = endsOwner ? '' : host.slice(at, at + 80);
    const newText = seg.owner.encode(edit.newText, { hostAfter, startsBlankLine });
    const same = edits.find((e) => e.start === at);
    if (same) same.newText = newText;
    else edits.push({ start: at, end: at, newText });
    return edits;
  };

  const notes = (converted: string): string[] => {
    const out: string[] = [];
    if (assembly.opaque.length) out.push('Subinterpreters: Py_mod_multiple_interpreters is chosen as if the code this tool cannot see kept process-wide state (Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED unless set otherwise).');
    const lines = [...new Set(assembly.literals.map((l) => lineAt(source, l.literal.start)))].sort((a, b) => a - b);
    out.push(`Pieces: the module's C is assembled from the strings at lines ${lines.join(', ')} of this Python file; each change was written into the string it falls in.`);
    const unseen: string[] = [];
    for (const o of assembly.opaque) {
      const who = o.piece.caller ? `\`${o.piece.caller.param}\`, which the caller of ${o.piece.caller.fn}() passes` : `\`${o.expr}\` (${o.piece.why})`;
      const call = converted.indexOf(`${o.standIn}();`);
      if (o.inFunction && call >= 0 && inIntFunction(converted, call)) {
        out.push(`Caller code: ${who}, now runs inside the exec function, ${EXEC_RETURNS_INT}.`);
      } else unseen.push(who);
    }
    if (unseen.length) out.push(`Not seen: ${unseen.join('; ')}: ${unseen.length > 1 ? 'these are not strings of this Python file, so their code was' : 'it is not a string of this Python file, so its code was'} not checked for process-wide state.`);
    const generated = placeholderCodeNote(converted, placeholders);
    if (generated) out.push(generated);
    const conditions = [...new Map(assembly.literals.filter((l) => l.condition).map((l) => [l.condition!.at, l.condition!])).values()];
    for (const c of conditions) out.push(`Conditional piece: the strings added under \`${c.text}\` (line ${lineAt(source, c.at)}) were converted as if the condition held; without them the module is the same less their code.`);
    return out;
  };

  return {
    amend: intReturnMacros,
    kind: 'python-string',
    lang: 'c',
    text,
    hostOf: Int32Array.from(hostOf),
    hostSpan,
    hostParts: assembly.literals.map((l) => ({ start: l.literal.start, end: l.literal.end })),
    placeholders,
    encode: () => {
      throw new Error('an assembled template is written back piece by piece');
    },
    noun: 'template',
    assembly,
    hostEdits,
    notes,
  };
}
