// files/rewrite: the temporary file of an in-place rewrite is created
// exclusively, so whatever already has its name (a planted link, a file)
// stops the write instead of being written through or replaced.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTempName, writeAtomically } from '../../server/src/files/rewrite';

describe('files/rewrite: writeAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'multiphase-rewrite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with EEXIST on a link planted under its temporary name: target, link and original untouched', () => {
    writeFileSync(join(dir, 'm.c'), 'old\n');
    writeFileSync(join(dir, 'victim.c'), 'secret\n');
    chmodSync(join(dir, 'victim.c'), 0o600);
    symlinkSync('victim.c', join(dir, '.m.c.planted.tmp'));
    assert.throws(() => writeAtomically(join(dir, 'm.c'), 'new\n', { encoding: 'utf8', bom: false }, () => '.m.c.planted.tmp'), { code: 'EEXIST' });
    assert.equal(readFileSync(join(dir, 'victim.c'), 'utf8'), 'secret\n');
    assert.equal(lstatSync(join(dir, 'victim.c')).mode & 0o777, 0o600);
    assert.equal(readlinkSync(join(dir, '.m.c.planted.tmp')), 'victim.c');
    assert.equal(readFileSync(join(dir, 'm.c'), 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.m.c.planted.tmp', 'm.c', 'victim.c']);
  });

  it('replaces the file, keeps its mode and leaves no temporary file', () => {
    writeFileSync(join(dir, 'm.c'), 'old\n');
    chmodSync(join(dir, 'm.c'), 0o604);
    writeAtomically(join(dir, 'm.c'), 'new\n', { encoding: 'utf8', bom: true });
    assert.deepEqual(readFileSync(join(dir, 'm.c')), Buffer.from('\ufeffnew\n', 'utf8'));
    assert.equal(lstatSync(join(dir, 'm.c')).mode & 0o7777, 0o604);
    assert.deepEqual(readdirSync(dir), ['m.c']);
  });

  it('names temporary files randomly, not by process id', () => {
    const names = new Set(Array.from({ length: 20 }, () => randomTempName('m.c')));
    assert.equal(names.size, 20);
    for (const name of names) {
      assert.match(name, /^\.m\.c\.multiphase-[0-9a-f]{16}\.tmp$/);
    }
  });
});
