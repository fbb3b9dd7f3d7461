import picocolors from 'picocolors';
import { displayPath } from '../parse/load.js';
import { isError, messageRange, type Formatter } from './formatter.js';
import { plural } from './plural.js';

/**
 * ESLint's `stylish`: findings grouped under each file's path, one aligned row each
 * (`line:column  severity  message  rule`), and a count at the end. Nothing at all when clean.
 */
const stylish: Formatter = (results, { cwd, color }) => {
  const colors = picocolors.createColors(color);
  let errors = 0;
  let warnings = 0;
  let output = '';
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((message) => {
      const { line, column } = messageRange(message);
      return { line: String(line), column: String(column), error: isError(message), message: message.reason, ruleId: message.ruleId ?? '' };
    });
    const width = (key: 'line' | 'column' | 'message') => Math.max(...rows.map((row) => row[key].length));
    const [lineWidth, columnWidth, messageWidth] = [width('line'), width('column'), width('message')];
    const severityWidth = rows.some((row) => !row.error) ? 'warning'.length : 'error'.length;
    output += `\n${colors.underline(displayPath(result.filePath, cwd))}\n`;
    for (const row of rows) {
      const place = colors.dim(`${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
      const severity = row.error ? colors.red('error'.padEnd(severityWidth)) : colors.yellow('warning'.padEnd(severityWidth));
      const cells = row.ruleId ? [place, severity, row.message.padEnd(messageWidth), colors.dim(row.ruleId)] : [place, severity, row.message];
      output += `  ${cells.join('  ')}\n`;
    }
  }
  const problems = errors + warnings;
  if (problems === 0) return '';
  const summary = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `${output}\n${colors.bold((errors > 0 ? colors.red : colors.yellow)(summary))}\n`;
};

export default stylish;
