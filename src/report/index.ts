import type { Formatter } from './formatter.js';
import github from './github.js';
import json from './json.js';
import sarif from './sarif.js';
import stylish from './stylish.js';

export const formatNames = ['stylish', 'json', 'github', 'sarif'] as const;
export type FormatName = (typeof formatNames)[number];

export const formatters: Record<FormatName, Formatter> = { stylish, json, github, sarif };
