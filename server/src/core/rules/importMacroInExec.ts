// import-macro-in-exec: numpy's import_array()/import_umath() expand to
// `return NULL;`, wrong in an int-returning exec; import_ufunc() never returns.
import { textCalls } from '../analysis/textCalls';
import type { Finding, FindingFix } from '../findings';
import { execFunctions } from './context';
import { editFix } from './editFix';
import { makeFinding, type Rule, type RuleContext } from './rule';

const REPLACEMENT: Record<string, string> = {
  import_array: 'import_array1(-1)',
  import_umath: 'import_umath1(-1)',
  import_ufunc: 'import_umath1(-1)',
};

export const importMacroInExec: Rule = { check, fix };

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { exec, module } of execFunctions(ctx.model)) {
    // From text: `import_array()` is often written without a semicolon.
    for (const call of textCalls(ctx.model.mask, Object.keys(REPLACEMENT), exec.body.startIndex, exec.body.endIndex)) {
      if (call.args.length > 0) continue;
      const why = call.name === 'import_ufunc' ? 'only sets an ImportError and carries on, so exec continues with an exception set' : 'expands to `return NULL;` on failure, which an int-returning exec reports as success';
      findings.push(
        makeFinding('import-macro-in-exec', call.span, `${call.name}() in Py_mod_exec function '${exec.name}' ${why}. Use ${REPLACEMENT[call.name]} instead.`, {
          module: module.name,
        }),
      );
    }
  }
  return findings;
}

/** The macro's form that returns -1 from exec on failure. */
function fix(ctx: RuleContext, finding: Finding): FindingFix | undefined {
  const { text } = ctx.model;
  const call = /\b(import_array|import_umath|import_ufunc)\s*\(\s*\)/.exec(text.slice(finding.span.start, finding.span.end + 32));
  if (!call || call.index > finding.span.end - finding.span.start) return undefined;
  const replacement = REPLACEMENT[call[1]!]!;
  const start = finding.span.start + call.index;
  return editFix(ctx.model, `Use ${replacement} (returns -1 from exec on failure)`, [{ start, end: start + call[0].length, newText: replacement }]);
}
