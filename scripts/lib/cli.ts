import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with a hint, exit status 2. */
export class UsageError extends Error {}

/** A failure that is not the caller's syntax (missing file, bad record): exit status 1 unless told. */
export class CliError extends Error {
  readonly status: number;
  constructor(message: string, status = 1) {
    super(message);
    this.status = status;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into readable usage errors. */
export function parseCli<O extends Options>(argv: readonly string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const message = e instanceof Error ? e.message : String(e);
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, '.'));
    throw e;
  }
}

/** A whole number from a flag, within bounds, or a usage error naming the flag. */
export function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, not "${raw}".`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, not ${raw}.`);
  return n;
}

/**
 * Runs a command: usage errors print the message and a hint and exit 2; other known
 * failures print their message and exit with their status; anything else is a bug and
 * keeps its stack trace.
 */
export function runCli(name: string, hint: string, main: () => void | Promise<void>): void {
  const fail = (e: unknown): void => {
    if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\nRun "${hint}" for usage.\n`);
      process.exitCode = 2;
    } else if (e instanceof CliError) {
      process.stderr.write(`${name}: ${e.message}\n`);
      process.exitCode = e.status;
    } else {
      throw e;
    }
  };
  try {
    const done = main();
    if (done) done.catch(fail);
  } catch (e) {
    fail(e);
  }
}
