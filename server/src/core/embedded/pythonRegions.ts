// Python string literals holding a module init, as embedded regions: each
// literal's C text (stringCodec.ts) mapped to where it is written, or, for a
// template assembled from several literals, one region of all of them
// (templates.ts).
import { reindent, type EditPlace, type EmbeddedRegion } from './region';
import { decode, dedent, encoder, type Decoded } from './stringCodec';
import type { AssembledRegion } from './assembledRegion';
import { findAssemblies } from './templates';
import { literalJoins, scanPythonStrings, type LiteralJoins, type PyLiteral } from './pythonStrings';

/** Words a literal must hold to be looked at: a module init is made of these. */
export const PYTHON_STRING_WORDS = ['PyInit_', 'PyModule_Create', 'PyModuleDef'] as const;

export interface PythonRegion extends EmbeddedRegion {
  literal: PyLiteral;
  joins: LiteralJoins;
}

/**
 * Literals of a Python source that mention a module init, as regions (or why
 * one cannot be read); a template assembled from several literals of the
 * file is one region (templates.ts).
 */
export function pythonRegions(source: string): { regions: (PythonRegion | AssembledRegion)[]; unreadable: { literal: PyLiteral; reason: string }[] } {
  const literals = scanPythonStrings(source);
  const assemblies = findAssemblies(source, literals);
  const regions: (PythonRegion | AssembledRegion)[] = [...assemblies.regions];
  const unreadable: { literal: PyLiteral; reason: string }[] = [...assemblies.unreadable];
  literals.forEach((literal, index) => {
    const body = source.slice(literal.bodyStart, literal.bodyEnd);
    if (assemblies.used.has(literal) || unreadable.some((u) => u.literal === literal)) return;
    if (!PYTHON_STRING_WORDS.some((w) => body.includes(w))) return;
    const joins = literalJoins(source, literals, index);
    let decoded: Decoded;
    try {
      decoded = decode(source, literal, joins);
    } catch (err) {
      unreadable.push({ literal, reason: `the string holds ${err instanceof Error ? err.message : String(err)}, which the converter does not map back` });
      return;
    }
    const encode = encoder(literal, joins, decoded.placeholders, body);
    const { text, hostOf, indent } = dedent(decoded);
    regions.push({
      kind: 'python-string',
      lang: 'c',
      text,
      hostOf: Int32Array.from(hostOf),
      hostSpan: { start: literal.start, end: literal.end },
      placeholders: decoded.placeholders,
      encode: (newText: string, place: EditPlace) => encode(reindent(newText, indent, place)),
      noun: 'string',
      literal,
      joins,
    });
  });
  regions.sort((a, b) => a.hostSpan.start - b.hostSpan.start);
  return { regions, unreadable };
}
