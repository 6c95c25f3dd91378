// Runs an in-process CLI command (runCheck, runFix) with stdout and stderr
// captured, so a test can compare what two runs printed.
export interface CapturedRun {
  code: number;
  out: string;
  err: string;
}

export async function captureOutput(run: () => Promise<number>): Promise<CapturedRun> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await run(), out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}
