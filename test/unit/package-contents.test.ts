// Builds the .vsix with vsce exactly as `npm run package` does (from the
// dist/ that `npm test` has just built) and reads the file list out of the
// zip: the bundles, wasm, grammar, docs and icon — and nothing else
// (no sources, tests, fixtures, source maps or node_modules).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = join(__dirname, '..', '..');

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a zip's central directory (a .vsix is a zip). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const END_OF_DIRECTORY = 0x06054b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  assert.ok(end >= 0, 'zip end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset;
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

/** Every file the package may hold; anything else is a leak. */
const ALLOWED: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(extension|server|cli|cliAnalysis)\.js$/,
  /^extension\/dist\/[\w-]+\.wasm$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/images\/[\w-]+\.png$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  // (The server bundle is required as soon as its source exists; until the
  // server lands, esbuild has nothing to build it from.)
  ...(existsSync(join(root, 'server/src/main.ts')) ? ['extension/dist/server.js'] : []),
  'extension/dist/cli.js',
  'extension/dist/cliAnalysis.js',
  'extension/dist/tree-sitter.wasm',
  'extension/dist/tree-sitter-c.wasm',
  'extension/dist/tree-sitter-cpp.wasm',
  'extension/syntaxes/pep489.injection.tmLanguage.json',
  'extension/images/icon.png',
];

describe('the .vsix package', function () {
  this.timeout(120_000);
  let names: string[] = [];
  let zip: Buffer;
  let entries: ZipEntry[] = [];
  let workDir = '';

  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'multiphase-vsix-'));
    const out = join(workDir, 'multiphase.vsix');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // The vsce arguments of `npm run package`, so this test packages the way users get it.
    const vsceArgs = (manifest.scripts.package?.split('vsce ')[1] ?? '').split(' ').filter(Boolean);
    assert.equal(vsceArgs[0], 'package', 'npm run package calls `vsce package`');
    execFileSync(join(root, 'node_modules/.bin/vsce'), [...vsceArgs, '--out', out], { cwd: root, stdio: 'pipe' });
    zip = readFileSync(out);
    entries = zipEntries(zip);
    names = entries.map((entry) => entry.name);
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  it('holds the bundles, wasm grammars, syntax grammar, docs and icon', () => {
    for (const file of REQUIRED) assert.ok(names.includes(file), `${file} is packaged (have: ${names.join(', ')})`);
  });

  it('holds nothing else: no sources, tests, fixtures, maps or node_modules', () => {
    const unexpected = names.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    assert.ok(!names.some((name) => /node_modules|\.ts$|\.map$|\/test|fixtures|\/client\/|\/server\//.test(name)));
  });

  it('declares the icon, entry point and engine in its packaged manifest', () => {
    const entry = entries.find((candidate) => candidate.name === 'extension/package.json');
    assert.ok(entry);
    const packaged = JSON.parse(readEntry(zip, entry).toString('utf8')) as { main: string; icon: string; engines: { vscode: string } };
    assert.ok(names.includes(`extension/${packaged.main.replace(/^\.\//, '')}`), 'main is packaged');
    assert.ok(names.includes(`extension/${packaged.icon}`), 'icon is packaged');
    assert.equal(packaged.engines.vscode, '^1.100.0');
  });
});
