// Which files of a workspace folder the server looks at: the shared walker
// (every .gitignore, build and virtualenv folders skipped, exclude globs), so
// the editor and `multiphase check` agree.
import { walkSources } from '../files/walk';
import type { EmbeddedOptions } from '../core/embedded/hosts';

/** Every C/C++ source under `folder` (and the documents that may embed C, as `embedded` allows); unreadable paths are logged and skipped. */
export function walkWorkspaceFolder(folder: string, exclude: readonly string[], log: (message: string) => void, embedded?: EmbeddedOptions): Generator<string> {
  return walkSources([folder], { exclude, embedded, onError: (path, message) => log(`${path}: ${message}`) });
}
