import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Makes sure `path` exists, installing Debian's `debianPackage` when it does not and this runs as
 * root (saying so); returns why it is still missing otherwise, or `undefined` when it is there.
 */
export function ensureDebianPackage(path: string, debianPackage: string): string | undefined {
  if (existsSync(path)) return undefined;
  if (process.getuid?.() !== 0) return `${path} is missing; install Debian's \`${debianPackage}\` package`;
  console.log(`bench: ${path} not found; installing Debian's ${debianPackage} package`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (error) {
    return `installing Debian's \`${debianPackage}\` package failed: ${(error as Error).message.split('\n')[0]}`;
  }
  return existsSync(path) ? undefined : `Debian's \`${debianPackage}\` package did not provide ${path}`;
}
