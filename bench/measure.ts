import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measured {
  seconds: number;
  /** Peak resident memory of the command, when GNU time is there to tell. */
  peakMegabytes: number | undefined;
  status: number | null;
}

const gnuTime = '/usr/bin/time';

/** Runs a command once, timing it from outside; `stdout` is discarded, failures are not errors here. */
export function measure(command: string, args: readonly string[], cwd: string): Measured {
  const started = performance.now();
  const useTime = existsSync(gnuTime);
  const result = useTime
    ? spawnSync(gnuTime, ['-f', '%M', command, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, stdio: 'ignore' });
  const seconds = (performance.now() - started) / 1000;
  const kilobytes = useTime ? Number(/(\d+)\s*$/.exec(String(result.stderr))?.[1]) : Number.NaN;
  return { seconds, peakMegabytes: Number.isNaN(kilobytes) ? undefined : kilobytes / 1024, status: result.status };
}

export function describeRun(label: string, { seconds, peakMegabytes }: Measured, files: number): string {
  const memory = peakMegabytes === undefined ? '' : `, peak ${peakMegabytes.toFixed(0)} MB`;
  return `${label}: ${seconds.toFixed(1)} s (${Math.round(files / seconds)} files/s${memory})`;
}
