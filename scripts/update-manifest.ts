// Writes the extension's part of package.json (contributes, activation,
// capabilities, gallery fields) from the server's settings schema and rule
// catalogue, so the settings VS Code offers are exactly the ones the server
// validates. Run after changing server/src/core/settings.ts:
//   npx tsx scripts/update-manifest.ts
// It rewrites only the fields it owns and keeps every other field as it is;
// test/unit/extension-manifest.test.ts fails when package.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, RULE_CODES } from '../server/src/core/rules/catalogue';
import { DEFAULT_SETTINGS, MULTI_PHASE_VERSION_PATTERN, RULE_SEVERITY_VALUES, SETTINGS_SCHEMA, SETTINGS_SECTION } from '../server/src/core/settings';

export const COMMAND_CATEGORY = 'Multi-phase Init';

/** One line per enum value, shown under the dropdown in the settings UI. */
export const ENUM_DESCRIPTIONS: Record<string, Record<string, string>> = {
  gil: {
    preserve: 'Keep what the module declares (PyUnstable_Module_SetGIL), else Py_MOD_GIL_USED, which free-threaded builds already assume.',
    not_used: 'Py_MOD_GIL_NOT_USED: the module is safe without the GIL on free-threaded CPython (only once audited).',
    used: 'Py_MOD_GIL_USED: importing the module re-enables the GIL on free-threaded CPython.',
    omit: 'Write no Py_mod_gil slot.',
  },
  multipleInterpreters: {
    auto: 'PER_INTERPRETER_GIL_SUPPORTED when the file shows no process-wide state, else NOT_SUPPORTED.',
    not_supported: 'Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: the module keeps process-wide state.',
    supported: 'Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: one module object per interpreter, all sharing the GIL.',
    per_interpreter_gil: 'Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: safe in interpreters with their own GIL.',
    omit: 'Write no Py_mod_multiple_interpreters slot.',
  },
  reinitGuard: {
    auto: 'Follow the original: exec re-runs (m_size >= 0 or no state), or replay (m_size -1 with state).',
    replay: 'Run the body once; later module objects get a copy of the first module namespace, as single-phase init did.',
    error: 'A second load raises ImportError (numpy style).',
    never: 'Exec runs again for every module object.',
    always: 'Deprecated name of error.',
  },
  severity: {
    off: 'Do not report this rule.',
    information: 'Report as information.',
    warning: 'Report as a warning.',
    error: 'Report as an error.',
  },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function enumDescriptions(key: string, values: readonly string[]): string[] {
  const known = ENUM_DESCRIPTIONS[key];
  if (!known) throw new Error(`no enumDescriptions for ${key}: add them to scripts/update-manifest.ts`);
  return values.map((value) => {
    const text = known[value];
    if (!text) throw new Error(`no enumDescription for ${key}=${value}: add it to scripts/update-manifest.ts`);
    return text;
  });
}

function configurationProperties(): Record<string, Json> {
  const properties: Record<string, Json> = {};
  for (const setting of SETTINGS_SCHEMA) {
    const name = `${SETTINGS_SECTION}.${setting.key}`;
    const defaultValue = DEFAULT_SETTINGS[setting.key] as Json;
    if (setting.key === 'severity') {
      const values = [...RULE_SEVERITY_VALUES];
      properties[name] = {
        type: 'object',
        markdownDescription: `${setting.description} Rule codes: ${RULE_CODES.map((code) => `[\`${code}\`](${CATALOGUE[code].docs})`).join(', ')}.`,
        scope: 'resource',
        default: defaultValue,
        additionalProperties: false,
        properties: Object.fromEntries(
          RULE_CODES.map((code) => [
            code,
            { type: 'string', enum: values, enumDescriptions: enumDescriptions('severity', values), default: DEFAULT_SETTINGS.severity[code], description: CATALOGUE[code].title },
          ]),
        ),
      };
    } else if (setting.type === 'array') {
      properties[name] = { type: 'array', items: { type: 'string' }, description: setting.description, scope: 'resource', default: defaultValue };
    } else if (setting.enum) {
      const values = [...setting.enum];
      properties[name] = { type: 'string', enum: values, enumDescriptions: enumDescriptions(setting.key, values), description: setting.description, scope: 'resource', default: defaultValue };
    } else if (setting.key === 'minimumPythonVersion') {
      properties[name] = { type: 'string', pattern: MULTI_PHASE_VERSION_PATTERN, patternErrorMessage: 'A CPython version with multi-phase init (3.5 or later) written as "3.N", for example "3.8".', description: setting.description, scope: 'resource', default: defaultValue };
    } else {
      properties[name] = { type: setting.type, description: setting.description, scope: 'resource', default: defaultValue };
    }
  }
  return properties;
}

// Documents that embed C convert too (their code blocks and strings).
const C_SOURCE_OPEN = "editorLangId == c || editorLangId == cpp || resourceFilename =~ /\\.c\\.src$/ || editorLangId == restructuredtext || editorLangId == markdown || editorLangId == python";

export function extensionManifestFields(): Record<string, Json> {
  return {
    categories: ['Linters', 'Programming Languages'],
    keywords: ['python', 'c-extension', 'cpython', 'pep 489', 'multi-phase init', 'free-threading', 'subinterpreters'],
    icon: 'images/icon.png',
    galleryBanner: { color: '#1f3b57', theme: 'dark' },
    // Documents and Python files activate too: they may hold C (the server drops those without a module word at once).
    activationEvents: ['onLanguage:c', 'onLanguage:cpp', 'onLanguage:restructuredtext', 'onLanguage:markdown', 'onLanguage:python', 'workspaceContains:**/*.{c,h,cc,cpp,cxx,hpp}', 'workspaceContains:**/*.c.src'],
    capabilities: {
      untrustedWorkspaces: {
        supported: 'limited',
        description: 'Diagnostics work in untrusted workspaces: analysis only reads source text and runs nothing. Converting modules edits files, so the convert commands need a trusted workspace.',
      },
      virtualWorkspaces: { supported: false, description: 'The language server reads the workspace from disk.' },
    },
    contributes: {
      commands: [
        { command: 'multiphase.convertAll', title: 'Convert All Modules in Workspace', category: COMMAND_CATEGORY, enablement: 'isWorkspaceTrusted' },
        { command: 'multiphase.convertFile', title: 'Convert Modules in This File', category: COMMAND_CATEGORY, enablement: 'isWorkspaceTrusted' },
        { command: 'multiphase.showOutput', title: 'Show Output', category: COMMAND_CATEGORY },
        { command: 'multiphase.showProblems', title: 'Show Single-Phase Modules in Problems', category: COMMAND_CATEGORY },
      ],
      menus: {
        commandPalette: [{ command: 'multiphase.convertFile', when: C_SOURCE_OPEN }],
      },
      configuration: { title: COMMAND_CATEGORY, properties: configurationProperties() },
      grammars: [
        { scopeName: 'source.c.pep489-injection', path: './syntaxes/pep489.injection.tmLanguage.json', injectTo: ['source.c', 'source.cpp'] },
      ],
    },
  };
}

/** The two npm scripts this side owns; every other script is left alone. */
export const PACKAGE_SCRIPTS: Record<string, string> = {
  package: 'node esbuild.config.mjs --minify && vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links',
  'test:e2e': 'npm run package --silent && mocha --no-config --require tsx/cjs --require ./test/support/cacheFolder.ts --extension ts --timeout 600000 --bail --reporter spec "test/e2e/**/*.test.ts"',
};

function main(): void {
  const path = join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Json>;
  Object.assign(manifest, extensionManifestFields());
  const scripts = manifest.scripts as Record<string, Json>;
  Object.assign(scripts, PACKAGE_SCRIPTS);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log('package.json: extension fields updated');
}

if (require.main === module) main();
