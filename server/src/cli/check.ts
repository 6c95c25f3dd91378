// `multiphase check`: walk paths, analyse each C/C++ file, print findings.
import { readFileSync } from 'node:fs';
import { analyzeText } from '../core/analyze';
import { languageForPath } from '../core/grammars';
import { initParser } from '../core/parser';
import { LineIndex } from '../core/text/lines';
import { walkSources } from './walk';

export async function runCheck(args: string[]): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('-'));
  await initParser();
  let worst = 0;
  for (const file of walkSources(paths.length ? paths : ['.'])) {
    const lang = languageForPath(file);
    if (!lang) continue;
    const text = readFileSync(file, 'utf8');
    const { findings } = analyzeText(text, lang);
    const lines = new LineIndex(text);
    for (const f of findings) {
      const p = lines.positionAt(f.span.start);
      process.stdout.write(`${file}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
      if (f.severity === 'warning' || f.severity === 'error') worst = 1;
    }
  }
  return worst;
}
