// A converter failure is a bug, not caution: the user still gets no edit,
// but the server says so on the connection console (main.ts wires the sink).
import type { InternalError } from '../core/convert';

let sink: (line: string) => void = () => undefined;
/** A remembered conversion (convert/memo.ts) is asked many times: say each failure once. */
const logged = new WeakSet<InternalError>();

export function setInternalErrorLog(log: (line: string) => void): void {
  sink = log;
}

export function logInternalError(module: string, error: InternalError): void {
  if (logged.has(error)) return;
  logged.add(error);
  sink(`Internal error: the converter failed on module '${module}': ${error.stack ?? error.message}`);
}
