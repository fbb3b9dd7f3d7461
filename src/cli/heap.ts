import { setFlagsFromString } from 'node:v8';

/**
 * A build holds every postmortem's model from the parse until its pages are written, and makes much
 * garbage around them; V8 lets a heap grow to as much as four times what it holds before it
 * collects in full, which at ten thousand postmortems is 1.4 GB, most of it garbage. Growing by 35%
 * at most keeps the process under 900 MiB (870–876 MiB, against 964–1,004 MiB at 50%); 50% cost
 * about 8% more CPU time than no limit, and 35% costs the same as 50% within the noise (1.01×).
 * V8 reads the setting at each collection, so it applies from the moment it is set.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=35');
}
