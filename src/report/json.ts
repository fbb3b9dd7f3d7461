import { isError, messageRange, type Formatter } from './formatter.js';

/** ESLint's JSON formatter shape: severity 2 is an error, 1 a warning; lines and columns 1-based. */
const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map(({ filePath, messages, errorCount, warningCount }) => ({
      filePath,
      messages: messages.map((message) => ({
        ruleId: message.ruleId ?? null,
        severity: isError(message) ? 2 : 1,
        message: message.reason,
        ...messageRange(message),
        url: message.url,
      })),
      errorCount,
      warningCount,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    })),
  )}\n`;

export default json;
