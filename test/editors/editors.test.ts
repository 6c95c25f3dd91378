// The real-editor tier: Debian's Neovim (0.7.2) and Emacs (28, elpa-eglot)
// run headless with the README's own configuration, copied out of the
// README so the docs cannot drift, on a project holding one single-phase
// module. A driver script in the editor plays the user (see
// neovim-driver.lua, emacs-driver.el); this file judges what it reports and
// what it saved. Run by `npm run test:editors` (CI: .ci/run, where a missing
// editor fails instead of skipping).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonInstall } from '../support/pythons';
import { buildAndImport, makeProject, pathWithServer, python313, readmeSnippet, requireOrSkip, runEditor, tryRun, type DriverResult, type Project } from './harness';

/** Generous: bounds a hang, never judges speed. */
const WAIT_MS = 120_000;

interface Editor {
  name: string;
  /** Version line, or undefined when the editor (or a part it needs) is missing. */
  version(): string | undefined;
  missing: string;
  /** Whether the README's snippet for this editor defines :MultiphaseConvertAll. */
  convertAllCommand: boolean;
  /** Writes the README configuration into `dir`; returns the command line that opens `project.file` and runs the driver. */
  launch(project: Project, dir: string): { command: string; args: string[]; env: NodeJS.ProcessEnv };
}

const DRIVERS = __dirname;

const EDITORS: Editor[] = [
  {
    name: 'Neovim',
    version: () => tryRun('nvim', ['--version'])?.split('\n')[0],
    missing: 'Neovim is not installed (apt-get install -y neovim)',
    convertAllCommand: true,
    launch(project, dir) {
      const init = join(dir, 'init.lua');
      writeFileSync(init, readmeSnippet(/^#### Neovim 0\.7\b/, 'lua'));
      // A fresh profile: nothing from the user's config, data or shada.
      const xdg = { XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache') };
      return {
        command: 'nvim',
        args: ['--headless', '-u', init, '-i', 'NONE', project.file, '-c', `luafile ${join(DRIVERS, 'neovim-driver.lua')}`],
        env: xdg,
      };
    },
  },
  {
    name: 'Emacs',
    // Emacs 29+ has eglot built in; Emacs 28 needs the eglot package (Debian: elpa-eglot).
    version: () => {
      const out = tryRun('emacs', ['--batch', '--eval', '(progn (package-activate-all) (princ (format "GNU Emacs %s, eglot from %s" emacs-version (locate-library "eglot"))))'])?.trim();
      return out && !out.endsWith(' nil') ? out : undefined;
    },
    missing: 'Emacs with eglot is not installed (apt-get install -y emacs-nox elpa-eglot)',
    convertAllCommand: false,
    launch(project, dir) {
      const init = join(dir, 'init.el');
      writeFileSync(init, readmeSnippet(/^### Emacs\b/, 'elisp'));
      const home = join(dir, 'home');
      mkdirSync(home);
      return {
        command: 'emacs',
        // `package-activate-all' is what an interactive start does before the
        // init file (batch mode skips it); then the README config, the file,
        // the driver.
        args: ['--batch', '--eval', '(package-activate-all)', '-l', init, project.file, '-l', join(DRIVERS, 'emacs-driver.el')],
        env: { HOME: home },
      };
    },
  },
];

for (const editor of EDITORS) {
  describe(`${editor.name} with the README configuration (real editor, headless)`, function () {
    this.timeout(2 * WAIT_MS + 60_000);
    let project: Project;
    let result: DriverResult;
    let output = '';
    let python: PythonInstall | string;

    before(async function () {
      const version = editor.version();
      requireOrSkip(this, version ? undefined : editor.missing);
      python = python313();
      console.log(`    ${version}; ${typeof python === 'string' ? python : `Python ${python.version}`}`);
      project = makeProject(`${editor.name.toLowerCase()}_spam`);
      const dir = join(project.scratch, 'editor');
      mkdirSync(dir);
      const resultFile = join(project.scratch, 'result.json');
      const { command, args, env } = editor.launch(project, dir);
      const run = await runEditor(command, args, {
        cwd: project.root,
        env: { ...process.env, ...env, PATH: pathWithServer(), MULTIPHASE_EDITOR_RESULT: resultFile, MULTIPHASE_EDITOR_TIMEOUT_MS: String(WAIT_MS) },
        limitMs: 2 * WAIT_MS,
      });
      output = run.output;
      assert.ok(existsSync(resultFile), `${editor.name} wrote no result:\n${output}`);
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
    });

    after(() => {
      if (project) rmSync(project.scratch, { recursive: true, force: true });
    });

    const context = (): string => `\n${JSON.stringify(result, null, 1)}\n${output}`;

    it('attaches the multiphase server to the C buffer', () => {
      assert.deepEqual(result.attached, ['multiphase'], context());
    });

    it('shows the single-phase-init diagnostic', () => {
      assert.ok(result.before?.includes('single-phase-init'), context());
    });

    it('offers the conversion with the cursor at the start of the PyModule_Create line', () => {
      const line = project.original.slice(0, project.original.indexOf('PyModule_Create(')).split('\n').length;
      assert.deepEqual(result.cursor, [line, 0], context());
      assert.ok(result.offered?.includes(`Convert '${project.module}' to multi-phase initialization (PEP 489)`), context());
    });

    it('clears the diagnostic once the conversion is applied', () => {
      assert.equal(result.error, undefined, context());
      assert.ok(result.after && !result.after.includes('single-phase-init') && !result.after.includes('negative-m-size'), context());
    });

    it('saves a multi-phase module that builds and imports on CPython 3.13', async function () {
      if (typeof python === 'string') requireOrSkip(this, python);
      const saved = readFileSync(project.file, 'utf8');
      assert.match(saved, new RegExp(`return PyModuleDef_Init\\(&${project.module}_module\\);`), saved);
      assert.doesNotMatch(saved, /PyModule_Create/);
      const checked = await buildAndImport(project, saved, python as PythonInstall);
      assert.ok(checked.ok, checked.output);
      assert.match(checked.output, /^ok multi 3\.13/m);
    });

    if (editor.convertAllCommand) {
      it(':MultiphaseConvertAll converts the module in the file that was never opened, and :wall saves it', () => {
        const { file, module } = project.unopened;
        assert.deepEqual(result.convertAll?.converted?.map((c) => c.module), [module], context());
        assert.match(readFileSync(file, 'utf8'), new RegExp(`return PyModuleDef_Init\\(&${module}_module\\);`));
      });
    }
  });
}
