// Which files of a workspace folder the server looks at: the shared walker
// (every .gitignore, build and virtualenv folders skipped, exclude globs), so
// the editor and `multiphase check` agree.
import { walkSources } from '../files/walk';

/** Every C/C++ source under `folder`; unreadable paths are logged and skipped. */
export function walkWorkspaceFolder(folder: string, exclude: readonly string[], log: (message: string) => void): Generator<string> {
  return walkSources([folder], { exclude, onError: (path, message) => log(`${path}: ${message}`) });
}
