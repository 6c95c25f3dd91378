// The package version, bundled into dist/cli.js by esbuild.
import packageJson from '../../../package.json';

export const VERSION: string = packageJson.version;
