// `multiphase` command line: dispatches to the subcommands.
import { runCheck } from './check';
import { limitHeapGrowth } from './heapLimits';
import { runFix } from './fix';
import { VERSION } from './version';

const USAGE = `usage: multiphase <command> [options] [PATH...]

commands:
  check   report single-phase modules and other PEP 489 problems
  fix     convert single-phase modules to multi-phase init (PEP 489)

Run 'multiphase <command> --help' for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'fix':
      return runFix(rest);
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case '--version':
    case '-V':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    default:
      process.stderr.write(`${command ? `multiphase: unknown command '${command}'\n` : ''}${USAGE}\n`);
      return 2;
  }
}

// Before any analysis allocates: see heapLimits.ts.
limitHeapGrowth();
// `multiphase check | head`: a reader that goes away early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`multiphase: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
