// A source file that includes another source file (a module template:
// `#define MODULE_NAME md` then `#include "tpl.c"`): check and fix take the
// included file along, once, and only files the compiler would really read.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli, type CliRun } from '../support/cli';

function cli(cwd: string, ...args: string[]): CliRun {
  return runCli(cwd, args);
}

/** A template whose init is named by the includer's MODULE_NAME. */
const TEMPLATE = `#include <Python.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define STR_(x) #x
#define STR(x) STR_(x)

static struct PyModuleDef tpl_def = { PyModuleDef_HEAD_INIT, STR(MODULE_NAME), NULL, -1, NULL };

PyMODINIT_FUNC CAT(PyInit_, MODULE_NAME)(void)
{
    PyObject *m = PyModule_Create(&tpl_def);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "size", 16) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
`;

interface JsonFinding {
  file: string;
  code: string;
}

describe('source files included by the files checked or fixed (CLI)', () => {
  let tmp: string;

  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does)`));
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'multiphase-included-'));
    mkdirSync(join(tmp, 'src'));
    writeFileSync(join(tmp, 'src', 'tpl.c'), TEMPLATE);
    writeFileSync(join(tmp, 'src', 'md.c'), '/* the algorithm */\n#define MODULE_NAME md\n#include "tpl.c"\n');
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('check reports the single-phase init of the template an includer pulls in', () => {
    const run = cli(tmp, 'check', '--format', 'json', 'src/md.c');
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings.filter((f) => f.code === 'single-phase-init').map((f) => f.file), [join('src', 'tpl.c')]);
    assert.match(run.stderr, /tpl\.c.*md\.c/);
  });

  it('check on the folder reads the template once, however many files include it', () => {
    writeFileSync(join(tmp, 'src', 'md2.c'), '#define MODULE_NAME md2\n#include "tpl.c"\n');
    const findings = JSON.parse(cli(tmp, 'check', '--format', 'json', 'src').stdout) as JsonFinding[];
    assert.equal(findings.filter((f) => f.code === 'single-phase-init').length, 1);
  });

  it('fix on the includer converts the template and leaves the includer as it is', () => {
    const run = cli(tmp, 'fix', 'src/md.c');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /tpl\.c: MODULE_NAME: converted/);
    assert.match(readFileSync(join(tmp, 'src', 'tpl.c'), 'utf8'), /return PyModuleDef_Init\(&tpl_def\);/);
    assert.equal(readFileSync(join(tmp, 'src', 'md.c'), 'utf8'), '/* the algorithm */\n#define MODULE_NAME md\n#include "tpl.c"\n');
  });

  it('fix converts a template that two files given include once, with the first includer named', () => {
    writeFileSync(join(tmp, 'src', 'md2.c'), '#define MODULE_NAME md2\n#include "tpl.c"\n');
    const run = cli(tmp, 'fix', '--diff', 'src/md.c', 'src/md2.c');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.match(/^\+\+\+ b\/src\/tpl\.c/gm)?.length, 1, run.stdout);
    assert.equal(run.stdout.match(/tpl\.c: MODULE_NAME: converted/g)?.length, 1, run.stdout);
    assert.match(run.stderr, /tpl\.c: converted with src\/md\.c, which includes it/);
    assert.doesNotMatch(run.stderr, /md2\.c/);
  });

  it('takes no include in a comment, of a header, or of a file outside the includer\'s folder', () => {
    writeFileSync(join(tmp, 'outside.c'), TEMPLATE);
    writeFileSync(join(tmp, 'src', 'tpl.h'), TEMPLATE);
    writeFileSync(join(tmp, 'src', 'md.c'), '/* #include "tpl.c" */\n#define MODULE_NAME md\n#include "tpl.h"\n#include "../outside.c"\n');
    const run = cli(tmp, 'check', '--format', 'json', 'src/md.c');
    assert.deepEqual(JSON.parse(run.stdout), []);
    assert.equal(run.status, 0, run.stderr);
  });
});
