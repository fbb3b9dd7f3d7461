import { copyFileSync, linkSync } from 'node:fs';

/**
 * A file of an earlier build in a new one (its folder made first): hard-linked where it can be,
 * else copied; `false` when neither can be done (then it is made again).
 */
export function keepFile(from: string, to: string): boolean {
  try {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
    return true;
  } catch {
    return false;
  }
}
