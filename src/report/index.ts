import type { Formatter } from './formatter.js';
import json from './json.js';

export const formatNames = ['stylish', 'json', 'github', 'sarif'] as const;
export type FormatName = (typeof formatNames)[number];

export const formatters: Partial<Record<FormatName, Formatter>> = { json };
