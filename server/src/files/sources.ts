// Reads one source file for analysis, refusing what a C extension source
// cannot be: anything over 5 MB or binary content (NUL bytes). Text that is not
// UTF-8 is read as Latin-1, which maps every byte and so loses nothing: old C
// sources often carry one accented name in a comment, and skipping the file
// would hide its module. Refusals are reasons for a note, never exceptions.
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';

export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type SourceRead =
  | { kind: 'text'; text: string; bytes: number; encoding: 'utf8' | 'latin1' }
  /** Not analysed, with a reason worth a note. */
  | { kind: 'skipped'; reason: string; bytes: number }
  /** Could not be read at all. */
  | { kind: 'error'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's bytes, or why not: the size limit is checked before reading. */
export function readSourceBytes(path: string): { kind: 'bytes'; content: Buffer } | Exclude<SourceRead, { kind: 'text' }> {
  try {
    const size = statSync(path).size;
    if (size > MAX_SOURCE_BYTES) return { kind: 'skipped', reason: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB (${size} bytes)`, bytes: size };
    const content = readFileSync(path);
    if (content.length > MAX_SOURCE_BYTES) return { kind: 'skipped', reason: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`, bytes: content.length };
    return { kind: 'bytes', content };
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
    return { kind: 'error', message: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : err instanceof Error ? err.message : String(err) };
  }
}

/** What decodeSource would make of the bytes, without decoding them. */
export function byteForm(content: Buffer): 'binary' | 'utf8' | 'latin1' {
  if (content.includes(0)) return 'binary';
  return isUtf8(content) ? 'utf8' : 'latin1';
}

const BINARY_REASON = 'binary file (NUL bytes)';

/** A read that is refused without decoding: binary content. */
export function binarySkip(content: Buffer): Exclude<SourceRead, { kind: 'text' | 'error' }> {
  return { kind: 'skipped', reason: BINARY_REASON, bytes: content.length };
}

/** Text from bytes: binary content refused, UTF-8 preferred, else Latin-1. */
export function decodeSource(content: Buffer): Exclude<SourceRead, { kind: 'error' }> {
  const form = byteForm(content);
  if (form === 'binary') return binarySkip(content);
  if (form === 'utf8') return { kind: 'text', text: utf8.decode(content), bytes: content.length, encoding: 'utf8' };
  return { kind: 'text', text: content.toString('latin1'), bytes: content.length, encoding: 'latin1' };
}

export function readSource(path: string): SourceRead {
  const read = readSourceBytes(path);
  return read.kind === 'bytes' ? decodeSource(read.content) : read;
}
