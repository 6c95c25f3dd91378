// The package version, bundled into dist/cli.js by esbuild: a named import,
// so that only this field of package.json is bundled, not all of it.
import { version } from '../../../package.json';

export const VERSION: string = version;
