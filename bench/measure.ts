import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  seconds: number;
  /** Peak resident memory of the largest process the command ran, in bytes; `undefined` when nothing could tell. */
  peakBytes: number | undefined;
  /** User and system CPU seconds of the command and the children it waited for (GNU time only); on a shared machine they say more than the wall time. */
  cpuSeconds: number | undefined;
  /** The exit status, or `null` when a signal ended the command. */
  status: number | null;
  /** The end of what the command wrote to stderr (and stdout), to explain an unexpected status. */
  tail: string;
}

const gnuTime = '/usr/bin/time';
const tailLength = 2000;
/** No single command of the benchmark should come near this; it only stops a hang. */
const timeoutMs = 60 * 60 * 1000;

/** How peak memory is measured on this machine, for the report. */
export function memoryMethod(): string {
  if (existsSync(gnuTime)) return 'GNU time `%M`: the maximum resident set of the largest process';
  if (existsSync('/proc/self/status')) return 'the largest `VmRSS` seen in the process tree, sampled every 100 ms';
  return 'not measured (no GNU time, no /proc)';
}

/**
 * Runs a command once as its own process, timing it from outside. With GNU time the kernel
 * reports the peak memory of the largest process (time waits for the command, which waits for its
 * children); without it, the process tree is sampled through /proc.
 */
export function measure(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const useTime = existsSync(gnuTime);
  const report = useTime ? mkdtempSync(join(tmpdir(), 'hindsight-bench-time-')) : undefined;
  const [file, fileArgs] = report ? [gnuTime, ['-f', '%U %S %M', '-o', join(report, 'peak'), command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, fileArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-tailLength);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const sampler = !useTime && child.pid !== undefined ? sampleTree(child.pid) : undefined;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      let peakBytes = sampler?.stop();
      let cpuSeconds: number | undefined;
      if (report) {
        // GNU time writes "Command exited with non-zero status N" or a signal line before the figures.
        const figures = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(readFileSync(join(report, 'peak'), 'utf8'));
        const kilobytes = Number(figures?.[3]);
        peakBytes = Number.isFinite(kilobytes) ? kilobytes * 1024 : undefined;
        const cpu = Number(figures?.[1]) + Number(figures?.[2]);
        cpuSeconds = Number.isFinite(cpu) ? cpu : undefined;
        rmSync(report, { recursive: true, force: true });
      }
      resolve({ seconds, peakBytes, cpuSeconds, status, tail });
    });
  });
}

/** Samples the resident memory of `root` and its descendants; `stop` gives the largest single process seen. */
function sampleTree(root: number): { stop(): number | undefined } {
  let peak: number | undefined;
  const sample = () => {
    for (const pid of descendants(root)) {
      const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readOrEmpty(`/proc/${pid}/status`))?.[1]);
      if (Number.isFinite(kilobytes)) peak = Math.max(peak ?? 0, kilobytes * 1024);
    }
  };
  const interval = existsSync('/proc/self/status') ? setInterval(sample, 100) : undefined;
  return {
    stop() {
      clearInterval(interval);
      return peak;
    },
  };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // The parent id is the second field after the command name, which is in parentheses and may hold spaces.
    const parent = Number(readOrEmpty(`/proc/${entry}/stat`).split(') ')[1]?.split(' ')[1]);
    if (Number.isFinite(parent)) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found = [root];
  for (let index = 0; index < found.length; index++) found.push(...(children.get(found[index]!) ?? []));
  return found;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process ended between listing and reading.
    return '';
  }
}
