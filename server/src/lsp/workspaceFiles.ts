// Which files of a workspace folder the server looks at: the shared walker
// (every .gitignore, build and virtualenv folders skipped, exclude globs), so
// the editor and `multiphase check` agree; and a byte-level prefilter so most
// files are never decoded or parsed.
import { walkSources } from '../files/walk';
import { PREFILTER_WORDS } from '../core/prefilter';

/** Every C/C++ source under `folder`; unreadable paths are logged and skipped. */
export function walkWorkspaceFolder(folder: string, exclude: readonly string[], log: (message: string) => void): Generator<string> {
  return walkSources([folder], { exclude, onError: (path, message) => log(`${path}: ${message}`) });
}

/** core/prefilter's words as bytes: searching the raw file skips decoding most files at all. */
const PREFILTER_NEEDLES = PREFILTER_WORDS.map((word) => Buffer.from(word));

export function mayHoldFindings(content: Buffer): boolean {
  return PREFILTER_NEEDLES.some((needle) => content.includes(needle));
}
