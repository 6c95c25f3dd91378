// import-macro-in-exec: numpy's import_array()/import_umath() expand to
// `return NULL;`, wrong in an int-returning exec; import_ufunc() never returns.
import { textCalls } from '../analysis/textCalls';
import type { Finding } from '../findings';
import { execFunctions } from './context';
import { makeFinding, type RuleContext } from './rule';

const REPLACEMENT: Record<string, string> = {
  import_array: 'import_array1(-1)',
  import_umath: 'import_umath1(-1)',
  import_ufunc: 'import_umath1(-1)',
};

export function importMacroInExec(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { exec, module } of execFunctions(ctx.model)) {
    // From text: `import_array()` is often written without a semicolon.
    for (const call of textCalls(ctx.model.mask, Object.keys(REPLACEMENT), exec.body.startIndex, exec.body.endIndex)) {
      if (call.args.length > 0) continue;
      const why = call.name === 'import_ufunc' ? 'only sets an ImportError and carries on, so exec continues with an exception set' : 'expands to `return NULL;` on failure, which an int-returning exec reports as success';
      findings.push(
        makeFinding('import-macro-in-exec', call.span, `${call.name}() in Py_mod_exec function '${exec.name}' ${why}. Use ${REPLACEMENT[call.name]} instead.`, {
          fixable: true,
          module: module.name,
        }),
      );
    }
  }
  return findings;
}
