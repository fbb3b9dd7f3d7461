import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The installed package's root: schema, templates and site ship beside `src/` and `dist/`. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export function packagePath(...segments: string[]): string {
  return fileURLToPath(new URL(`../${segments.join('/')}`, import.meta.url));
}

let version: string | undefined;

/** The installed package's version. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}
