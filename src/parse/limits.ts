/**
 * Sizes no real postmortem reaches. Past them the parse stops with a finding instead of spending
 * its time (and a CI runner's) on text that was generated or written to hurt. Set under `limits`
 * in `hindsight.config.json`.
 */
export interface ParseLimits {
  /** The largest file read, in bytes. */
  maxFileBytes: number;
  /** Keys and list items in the frontmatter, nested ones included. */
  maxFrontmatterKeys: number;
  maxTimelineEntries: number;
  maxActionItems: number;
  /** Lines in the file. */
  maxLines: number;
  /** Lines in one paragraph, lazy continuation lines in lists and blockquotes included. */
  maxParagraphLines: number;
  /** Cells in the file's tables, header rows included. */
  maxTableCells: number;
  /**
   * The Markdown parser's work on lists and blockquotes nested in others: where one ends, it goes
   * over every token it has read so far (two for each line, more for each `>` and list item on it).
   */
  maxNestingWork: number;
}

export const defaultLimits: Readonly<ParseLimits> = {
  maxFileBytes: 1_048_576,
  maxFrontmatterKeys: 1_000,
  maxTimelineEntries: 5_000,
  maxActionItems: 1_000,
  maxLines: 20_000,
  maxParagraphLines: 1_000,
  maxTableCells: 50_000,
  maxNestingWork: 100_000_000,
};

/** The limits as text, so a parse cache keeps models parsed under other limits apart. */
export function limitsSalt(limits: ParseLimits): string {
  const { maxFileBytes, maxFrontmatterKeys, maxTimelineEntries, maxActionItems, maxLines, maxParagraphLines, maxTableCells, maxNestingWork } = limits;
  return `limits ${[maxFileBytes, maxFrontmatterKeys, maxTimelineEntries, maxActionItems, maxLines, maxParagraphLines, maxTableCells, maxNestingWork].join(' ')}`;
}

/** The message for a count past its limit: what was found, what was expected, and how to allow more. */
export function overLimit(what: string, key: keyof ParseLimits, limit: number): string {
  return `Unexpected ${what}, expected at most ${grouped(limit)} (raise \`limits.${key}\` in hindsight.config.json to allow more)`;
}

/** `1,048,576`: counts in messages read better grouped. */
export function grouped(count: number): string {
  return count.toLocaleString('en-US');
}
