// `multiphase fix` (the conversion work fills this in).
export async function runFix(_args: string[]): Promise<number> {
  process.stderr.write('multiphase fix: not available yet\n');
  return 2;
}
