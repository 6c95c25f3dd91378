// What an example or template region holds only part of: a PyModuleDef
// whose init is elsewhere, a PyInit whose creation is elsewhere (its body a
// placeholder, say), a PyModule_Create outside any init. Each is reported
// where it is, saying what is missing; nothing of it is converted.
import type { Finding } from '../findings';
import type { FileModel, InitFunctionInfo } from '../model';
import { makeFinding } from '../rules/rule';
import type { EmbeddedRegion } from './region';
import { restorePlaceholders } from './region';
import { piecesReason } from './convert';
import { isAssembled } from './assembledRegion';
import { refusal } from '../convert/refusalCatalogue';

const CREATION = /\bPyModule_Create2?\s*\(/g;

function placeholderIn(region: EmbeddedRegion, text: string): string | undefined {
  return region.placeholders.find((p) => text.includes(p.standIn))?.source;
}

export function fragmentFindings(region: EmbeddedRegion, model: FileModel): Finding[] {
  const findings: Finding[] = [];
  const where = `this ${region.noun}`;
  const extra = piecesReason(region);
  // A documentation example leaves parts out; a template assembles them from pieces.
  const partial = region.kind === 'code-block' ? 'the example shows only part of the module' : 'the module is assembled from several pieces';
  const name = (text: string): string => restorePlaceholders(region, text);
  const claimed = new Set(model.modules.map((m) => m.def?.varName).filter((n) => n !== undefined));
  for (const def of model.defs) {
    if (claimed.has(def.varName) || def.hasSlots) continue;
    const missing = `the PyInit_ function that creates the module from '${def.varName}' is not in ${where}`;
    findings.push(
      makeFinding('single-phase-init', def.nameSpan, `PyModuleDef '${def.varName}'${def.moduleName ? ` (module '${name(def.moduleName)}')` : ''} is for single-phase initialization (no m_slots), but ${missing}. Convert it together with its init; nothing here is converted.`, {
        module: def.moduleName ? name(def.moduleName) : def.varName,
        refusal: [refusal('embedded-fragment', missing, def.nameSpan)],
      }),
    );
  }
  const made = new Set(model.modules.map((m) => m.init).filter((i) => i !== undefined));
  const inits = [...model.inits, ...[...model.functions.values()].filter((f) => f.name.startsWith('PyInit_') && !model.inits.some((i) => i.name === f.name))];
  for (const init of inits) {
    if (made.has(init as InitFunctionInfo)) continue;
    const body = model.text.slice(init.body.startIndex, init.body.endIndex);
    const hole = placeholderIn(region, body);
    // A body from a computed piece (a parameter the caller passes) is a template in pieces, not a fragment.
    const computed = isAssembled(region) ? region.assembly.opaque.find((o) => body.includes(o.standIn)) : undefined;
    const missing = hole ? `its body comes from ${computed ? `the computed piece ${hole} (${computed.piece.why}), which is not a string of this Python file` : `the placeholder ${hole}, which is filled elsewhere`}` : (extra?.message ?? `it creates no module in ${where}`);
    const why = hole || !extra ? `: ${partial}, so it is not converted automatically` : '';
    findings.push(
      makeFinding('single-phase-init', init.nameSpan, `${name(init.name)} is defined in ${where}, but ${missing}${why}.`, {
        module: name(init.name.slice('PyInit_'.length)),
        refusal: [refusal((extra && !hole) || computed !== undefined ? 'embedded-pieces' : 'embedded-fragment', missing, init.nameSpan)],
      }),
    );
  }
  // A PyInit_ header whose function does not end in the region (the template goes on elsewhere).
  for (const m of model.mask.matchAll(/\bPyInit_\w+(?=\s*\()/g)) {
    if ([...model.inits, ...model.functions.values()].some((f) => m.index >= f.span.start && m.index < f.span.end)) continue;
    const missing = `${name(m[0])} starts in ${where} but does not end in it`;
    findings.push(
      makeFinding('single-phase-init', { start: m.index, end: m.index + m[0].length }, `${missing}: ${extra?.message ?? `${partial}, so it is not converted automatically`}.`, {
        module: name(m[0].slice('PyInit_'.length)),
        refusal: [refusal('embedded-fragment', missing), ...(extra ? [extra] : [])],
      }),
    );
  }
  const inFunctions = [...model.inits, ...model.functions.values()].map((f) => f.span);
  for (const m of model.mask.matchAll(CREATION)) {
    if (inFunctions.some((s) => m.index >= s.start && m.index < s.end)) continue;
    const span = { start: m.index, end: m.index + m[0].length - 1 };
    const missing = `the call is not inside a PyInit_ function of ${where}`;
    findings.push(
      makeFinding('single-phase-init', span, `${m[0].replace(/\s*\($/, '')} creates a module here, but ${missing}: ${partial}, so it is not converted automatically.`, {
        refusal: [refusal('embedded-fragment', missing, span)],
      }),
    );
  }
  return findings;
}
