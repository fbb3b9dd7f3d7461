import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { VFileMessage } from 'vfile-message';
import { displayPath } from '../parse/load.js';
import { isError, messageRange, type Formatter } from './formatter.js';

const schemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const informationUri = 'https://github.com/hindsight-postmortems/hindsight';
/** Relative URIs are relative to the checkout's root, which is where code scanning resolves them. */
const sourceRoot = '%SRCROOT%';

/** SARIF 2.1.0, for GitHub code scanning and other tools: each rule once, each finding one result. */
const sarif: Formatter = (results, { cwd, rules, version }) => {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: rule.url,
    defaultConfiguration: { level: rule.defaultLevel === 'error' ? 'error' : 'warning' },
  }));
  const artifactLocation = (filePath: string) => {
    const shown = displayPath(filePath, cwd);
    return shown === filePath ? { uri: pathToFileURL(filePath).href } : { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: sourceRoot };
  };
  const location = (filePath: string, message: VFileMessage): Location => {
    const { line, column, endLine, endColumn } = messageRange(message);
    return {
      physicalLocation: {
        artifactLocation: artifactLocation(filePath),
        region: { startLine: line, startColumn: column, ...(endLine === undefined ? {} : { endLine, endColumn }) },
      },
    };
  };
  const log: Log = {
    $schema: schemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hindsight', version, informationUri, rules: descriptors } },
        // Columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ filePath, messages }) =>
          messages.map((message): Result => {
            const index = message.ruleId ? ruleIndex.get(message.ruleId) : undefined;
            const cause = message.cause instanceof VFileMessage ? message.cause : undefined;
            return {
              ...(message.ruleId ? { ruleId: message.ruleId } : {}),
              ...(index === undefined ? {} : { ruleIndex: index }),
              level: isError(message) ? 'error' : 'warning',
              message: { text: message.reason },
              locations: [location(filePath, message)],
              ...(cause ? { relatedLocations: [{ ...location(filePath, cause), message: { text: cause.reason } }] } : {}),
            };
          }),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
