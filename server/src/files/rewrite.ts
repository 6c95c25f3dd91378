// Rewrites a source file in place for `multiphase fix`: same bytes form
// (UTF-8 with or without BOM, Latin-1), written to a temporary file beside
// it, then renamed over it, so a kill never leaves half a file. The
// temporary file has a random name and is created exclusively
// (O_CREAT|O_EXCL|O_NOFOLLOW): a file or link planted under the name we
// would use makes the write fail instead of writing through it.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ByteForm {
  encoding: BufferEncoding;
  /** The file starts with a UTF-8 byte-order mark the decoded text lacks. */
  bom: boolean;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * How to write text so the file's bytes come back exactly as read, so a
 * rewrite changes only what the conversion changed.
 */
export function roundTripForm(path: string, text: string): ByteForm | undefined {
  const raw = readFileSync(path);
  if (Buffer.from(text, 'utf8').equals(raw)) return { encoding: 'utf8', bom: false };
  if (Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]).equals(raw)) return { encoding: 'utf8', bom: true };
  if (Buffer.from(text, 'latin1').equals(raw)) return { encoding: 'latin1', bom: false };
  return undefined;
}

/** An error from the file system (it has an errno code), not a bug of ours. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

/** A short reason for a failed file operation, as a one-line message says it. */
export function describeError(err: unknown): string {
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EEXIST' || code === 'ELOOP') return 'a file or link already has the temporary name';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Why `path` counts as read-only for its user, or undefined when it may be
 * written: no write permission for this user, or no write bit for anyone
 * (root may write anything, but a `chmod 444` is still a statement).
 */
export function readOnlyReason(path: string): string | undefined {
  const mode = lstatSync(path).mode & 0o7777;
  if ((mode & 0o222) === 0) return `read-only, mode ${mode.toString(8).padStart(4, '0')}`;
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch {
    return 'read-only for you, no write permission';
  }
}

/** `.m.c.multiphase-<16 hex digits>.tmp`: nobody can plant a file under a name they cannot guess. */
export function randomTempName(name: string): string {
  return `.${name}.multiphase-${randomBytes(8).toString('hex')}.tmp`;
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Replace the regular file `path` (links already resolved by the caller)
 * with `text`: mode kept, and owner too when we are allowed to set it.
 * Throws on failure, after removing the temporary file it created.
 */
export function writeAtomically(path: string, text: string, form: ByteForm, tempName = randomTempName): void {
  const stat = lstatSync(path);
  const mode = stat.mode & 0o7777;
  const temp = join(dirname(path), tempName(basename(path)));
  const fd = openSync(temp, CREATE_FLAGS, 0o600);
  try {
    try {
      const bytes = Buffer.from(text, form.encoding);
      const content = form.bom ? Buffer.concat([UTF8_BOM, bytes]) : bytes;
      for (let written = 0; written < content.length; ) written += writeSync(fd, content, written);
      if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fchownSync(fd, stat.uid, stat.gid);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp); // ours: created exclusively above
    } catch {
      // Already gone; the write's own error is the one to report.
    }
    throw err;
  }
}
