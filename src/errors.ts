/** The command could not do its job: bad arguments, bad config, an unreadable path. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
