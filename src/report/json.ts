import type { Formatter } from './formatter.js';

/** ESLint's JSON formatter shape: severity 2 is an error, 1 a warning; lines and columns 1-based. */
const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map(({ filePath, messages, errorCount, warningCount }) => ({
      filePath,
      messages: messages.map((message) => ({
        ruleId: message.ruleId ?? null,
        severity: message.fatal ? 2 : 1,
        message: message.reason,
        line: message.place && 'start' in message.place ? message.place.start.line : (message.line ?? 1),
        column: message.place && 'start' in message.place ? message.place.start.column : (message.column ?? 1),
        endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
        endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
        url: message.url,
      })),
      errorCount,
      warningCount,
    })),
  )}\n`;

export default json;
