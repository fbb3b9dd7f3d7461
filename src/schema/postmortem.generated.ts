/* Generated from the JSON Schema by `npm run generate:types`; do not edit. */

export type KebabCase = string;
export type Name = string;

/**
 * The YAML frontmatter of a Hindsight postmortem: one Markdown file per incident under `postmortems/`, named `YYYY-MM-DD-kebab-slug.md`.
 */
export interface PostmortemFrontmatter {
  /**
   * What happened, in one line, as a reader would search for it.
   */
  title: string;
  /**
   * The UTC day of `started_at`, `YYYY-MM-DD`. It is also the file name's prefix.
   */
  date: string;
  /**
   * One of the configured severity levels (by default `SEV1`..`SEV4`, SEV1 the worst).
   */
  severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
  /**
   * The state of this document, not of the incident: `draft` while it is written, `in-review` while it is discussed, `published` once agreed.
   */
  status: 'draft' | 'in-review' | 'published';
  /**
   * The services that were affected, as kebab-case names.
   *
   * @minItems 1
   */
  services: [KebabCase, ...KebabCase[]];
  /**
   * Who wrote this postmortem.
   *
   * @minItems 1
   */
  authors: [Name, ...Name[]];
  /**
   * The teams that own the affected services or took part in the response.
   */
  teams?: Name[];
  /**
   * Who reviewed this postmortem.
   */
  reviewers?: Name[];
  /**
   * When impact began: an RFC 3339 date-time with `Z` or an offset.
   */
  started_at: string;
  /**
   * When someone or something noticed the incident.
   */
  detected_at?: string;
  /**
   * When a responder took the incident.
   */
  acknowledged_at?: string;
  /**
   * When impact stopped.
   */
  mitigated_at?: string;
  /**
   * When the incident was closed.
   */
  resolved_at: string;
  /**
   * How the incident was noticed.
   */
  detection?: 'alert' | 'customer' | 'employee' | 'synthetic' | 'other';
  /**
   * What the incident cost. Every member is optional; every number is zero or more.
   */
  impact: {
    /**
     * Whether customers could see the incident.
     */
    customer_facing?: boolean;
    /**
     * How many users were affected.
     */
    users_affected?: number;
    /**
     * How many requests failed.
     */
    failed_requests?: number;
    /**
     * How many support tickets customers opened about the incident.
     */
    support_tickets?: number;
    /**
     * Revenue lost, in one currency.
     */
    revenue_loss?: {
      /**
       * The amount lost, in the currency's major unit (dollars, not cents).
       */
      amount: number;
      /**
       * An ISO 4217 currency code, such as `USD`, `EUR` or `GBP`.
       */
      currency: string;
    };
  };
  /**
   * What contributed to the incident, as kebab-case labels that recur across postmortems (`missing-load-test`, `config-change`).
   */
  contributing_factors?: KebabCase[];
  /**
   * Free labels for search and filters, kebab-case.
   */
  tags?: KebabCase[];
  /**
   * Where to read more.
   */
  links?: {
    /**
     * The incident record.
     */
    incident?: string;
    /**
     * The dashboard that showed the incident.
     */
    dashboard?: string;
    /**
     * The runbook that applies.
     */
    runbook?: string;
    /**
     * The tracking ticket.
     */
    ticket?: string;
    /**
     * The chat channel of the response, such as `#incidents-payments`.
     */
    chat?: string;
  };
  /**
   * Ids (file names without `.md`) of related postmortems; each must exist.
   */
  related?: string[];
}
