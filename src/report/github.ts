import { displayPath } from '../parse/load.js';
import { isError, messageRange, type Formatter } from './formatter.js';

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */
const github: Formatter = (results, { cwd }) =>
  results
    .flatMap((result) =>
      result.messages.map((message) => {
        const { line, column, endLine, endColumn } = messageRange(message);
        const properties: Array<[string, string | number | undefined]> = [
          ['file', displayPath(result.filePath, cwd)],
          ['line', line],
          ['col', column],
          ['endLine', endLine],
          ['endColumn', endColumn],
          ['title', message.ruleId ?? undefined],
        ];
        const list = properties
          .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
          .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
          .join(',');
        return `::${isError(message) ? 'error' : 'warning'} ${list}::${escapeData(message.reason)}\n`;
      }),
    )
    .join('');

/** The runner reads `%`, CR and LF in a command's message as escapes. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** In a property value, `:` and `,` would also end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export default github;
