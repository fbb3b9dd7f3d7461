import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/parse/load.js';

describe('displayPath', () => {
  const cwd = join(sep, 'work', 'repo');

  it('shows a file below the working directory by the path past it, with forward slashes', () => {
    for (const path of ['postmortems/2026-01-01-a.md', 'a.md', 'postmortems/2026/deep/b.md', 'postmortems/.hidden/c.md', 'postmortems/..d.md']) {
      const file = join(cwd, ...path.split('/'));
      expect(displayPath(file, cwd)).toBe(relative(cwd, file).split(sep).join('/'));
    }
  });

  it('shows any other file as given', () => {
    expect(displayPath(join(sep, 'work', 'repository', 'a.md'), cwd)).toBe(join(sep, 'work', 'repository', 'a.md'));
    expect(displayPath(join(sep, 'elsewhere', 'a.md'), cwd)).toBe(join(sep, 'elsewhere', 'a.md'));
  });
});
