import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';

/** The installed package's version. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
