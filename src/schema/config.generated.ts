/* Generated from the JSON Schema by `npm run generate:types`; do not edit. */

export type Level = 'error' | 'warn' | 'off';

/**
 * `hindsight.config.json` at the repository root. Every key is optional; what is left out takes the default.
 */
export interface HindsightConfig {
  /**
   * The path or URL of this schema, for editors.
   */
  $schema?: string;
  /**
   * The folder that holds the postmortems, relative to the repository root. Default `postmortems`.
   */
  postmortems?: string;
  /**
   * The severity levels, worst first. Default `SEV1`..`SEV4`.
   *
   * @minItems 1
   */
  severities?: [Severity, ...Severity[]];
  /**
   * The level-2 sections every postmortem must have, in this order. Other sections may stand anywhere.
   */
  sections?: string[];
  /**
   * Rule levels by rule id: `error`, `warn` or `off`, or `[level, options]` for a rule that takes options.
   */
  rules?: {
    [k: string]: Level | [unknown] | [unknown, unknown];
  };
  /**
   * Sizes no real postmortem reaches; past each, the file gets a `syntax` finding and is read no further.
   */
  limits?: {
    /**
     * The largest postmortem file read, in bytes. Default 1048576 (1 MB).
     */
    maxFileBytes?: number;
    /**
     * Keys and list items in one postmortem's frontmatter, nested ones included. Default 1000.
     */
    maxFrontmatterKeys?: number;
    /**
     * Entries in one Timeline section. Default 5000.
     */
    maxTimelineEntries?: number;
    /**
     * Rows in one action items table. Default 1000.
     */
    maxActionItems?: number;
    /**
     * Lines in one postmortem file. Default 20000.
     */
    maxLines?: number;
    /**
     * Lines in one paragraph of a postmortem's body, lazy continuation lines in lists and blockquotes included. Default 1000.
     */
    maxParagraphLines?: number;
    /**
     * Cells in all the tables of one postmortem's body, header rows included. Default 50000.
     */
    maxTableCells?: number;
    /**
     * The Markdown parser's work on ending lists and blockquotes in one postmortem: where one ends (other than a list item followed by its sibling), the parser goes over every token it has read so far; this is their sum, counting six tokens for each line and more for each `>` and list marker on it. Default 100000000.
     */
    maxNestingWork?: number;
  };
  /**
   * The published site.
   */
  site?: {
    /**
     * The site's title. Default `Postmortems`.
     */
    title?: string;
    /**
     * One line under the title and in the feed.
     */
    description?: string;
    /**
     * The absolute URL the site is served from, for the feed and links. Default `http://localhost:8080/`.
     */
    baseUrl?: string;
    /**
     * The path the site is served under, such as `/postmortems/` on GitHub Pages. Default `/`.
     */
    pathPrefix?: string;
    /**
     * The repository's web URL; each postmortem page links to its source file under `<repositoryUrl>/blob/<branch>/`.
     */
    repositoryUrl?: string;
    /**
     * The branch that source links point at. Default `main`.
     */
    branch?: string;
    /**
     * The search index is split by date into shards of whole months, each holding at most this many characters of postmortem text (a month with more is a shard of its own). A search downloads a part of every shard; a build indexes again only the shards whose postmortems changed, and indexing one takes about 60 bytes of memory per character. Default 11000000: about 2,700 postmortems of 4 KB, some 650 MB to index.
     */
    searchShardSize?: number;
  };
}
export interface Severity {
  /**
   * What the frontmatter's `severity` says, such as `SEV1`.
   */
  id: string;
  /**
   * A short name, such as `Critical`.
   */
  name: string;
  /**
   * When an incident has this severity.
   */
  definition?: string;
  /**
   * The `severity-policy` rule: every action item is due at most this many days after the incident's `date`.
   */
  actionItemsDueWithinDays?: number;
  /**
   * The `severity-policy` rule: when the action-items table has a `Type` column, at least one item is of type `prevent` or `detect`.
   */
  requirePreventOrDetect?: boolean;
}
