// Templates a Python file assembles from several of its strings: for each
// literal holding a `PyInit_` function, the statement it sits in is followed
// to its pieces (pieces.ts). When that brings in other literals of the file,
// the module is one assembled region; its literals are not regions of their
// own any more. A template that needs nothing outside its literal stays the
// plain string region it was.
import { assemble, AssemblyError } from './assembly';
import { assembledRegion, type AssembledRegion } from './assembledRegion';
import { PieceResolver } from './pieces';
import { readFlow } from './pythonFlow';
import type { PyLiteral } from './pythonStrings';

export interface FoundAssemblies {
  regions: AssembledRegion[];
  /** Literals that an assembled region holds. */
  used: Set<PyLiteral>;
  /** Templates whose pieces could not be put together, and why. */
  unreadable: { literal: PyLiteral; reason: string }[];
}

export function findAssemblies(source: string, literals: readonly PyLiteral[]): FoundAssemblies {
  const found: FoundAssemblies = { regions: [], used: new Set(), unreadable: [] };
  const roots = literals.filter((l) => /\bPyInit_/.test(source.slice(l.bodyStart, l.bodyEnd)));
  if (!roots.length) return found;
  const flow = readFlow(source, literals);
  const resolver = new PieceResolver(flow);
  for (const root of roots) {
    if (found.used.has(root)) continue;
    const statement = flow.statements.find((s) => s.exprStart <= root.start && root.end <= s.exprEnd);
    if (!statement) continue;
    resolver.consumed.clear();
    const value = resolver.ofStatement(statement, root.start);
    if (!value.some((p) => p.kind === 'literal' && p.literal === root)) continue;
    try {
      const assembly = assemble(source, value);
      // One literal and nothing spliced into it: the plain string region says the same.
      if (assembly.literals.length < 2 && assembly.opaque.length === 0) continue;
      for (const l of [...assembly.literals.map((a) => a.literal), ...resolver.consumed]) found.used.add(l);
      found.regions.push(assembledRegion(source, assembly));
    } catch (err) {
      if (!(err instanceof AssemblyError)) throw err;
      found.unreadable.push({ literal: root, reason: err.message });
    }
  }
  return found;
}
