// What m_size evaluates to, as far as the file shows: a multi-phase def with
// a negative size fails to load, so a size the converter cannot read is a
// reason to refuse, not to guess.
import type { ModuleDefInfo } from '../model';
import { scanPreprocessor, type PreprocessorModel } from '../text/preprocessorModel';

export type SizeVerdict = 'negative' | 'fine' | 'unknown';

/** `-1`, `(Py_ssize_t)-1`, `sizeof(state)`, `0`, a macro defined in the file. */
export function mSizeVerdict(def: ModuleDefInfo, mask: string): SizeVerdict {
  if (def.mSize !== undefined) return def.mSize < 0 ? 'negative' : 'fine';
  const entry = def.fields.m_size;
  if (!entry) return 'fine';
  return evaluate(entry.valueText, scanPreprocessor(mask), 0);
}

function evaluate(expression: string, pp: PreprocessorModel, depth: number): SizeVerdict {
  const text = expression.replace(/\s+/g, ' ').trim().replace(/^\((.*)\)$/, '$1').trim();
  // A cast in front changes nothing about the sign.
  const uncast = text.replace(/^\(\s*(?:Py_ssize_t|int|long|size_t|ssize_t)\s*\)\s*/, '');
  if (/^-\s*\d+[uUlL]*$/.test(uncast)) return 'negative';
  if (/^\+?\s*\d+[uUlL]*$/.test(uncast)) return 'fine';
  if (/^sizeof\b/.test(uncast) && !/[-]/.test(uncast)) return 'fine';
  if (/^\w+$/.test(uncast) && depth < 4) {
    const values = pp.definitions(uncast).filter((d) => d.params === undefined && d.body !== '').map((d) => evaluate(d.body, pp, depth + 1));
    if (values.length && values.every((v) => v === 'fine')) return 'fine';
    if (values.length && values.every((v) => v === 'negative')) return 'negative';
  }
  return 'unknown';
}
