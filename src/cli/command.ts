import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { isValidDay, todayUtc } from '../time.js';
import type { Io } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

/** One `hindsight` command: its arguments and a function that returns the exit code. */
export interface Command {
  /** One line for `hindsight --help`. */
  summary: string;
  /** The usage lines after `hindsight <name>`, for `hindsight <name> --help`. */
  usage: string;
  options: OptionSpec;
  positionals: boolean;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}

/** `--as-of`, defaulting to today (UTC). */
export function asOfOption(value: unknown): string {
  if (value === undefined) return todayUtc();
  if (!isValidDay(value)) throw new UsageError(`Invalid --as-of \`${String(value)}\`, expected a date as YYYY-MM-DD`);
  return value;
}

/** A `--format` value among the allowed ones; without one, the default. */
export function formatOption<Format extends string>(value: unknown, allowed: readonly Format[], fallback: Format): Format {
  if (value === undefined) return fallback;
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new UsageError(`Invalid --format \`${String(value)}\`, expected one of: ${allowed.join(', ')}`);
  }
  return value as Format;
}
