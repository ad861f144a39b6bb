/**
 * What went wrong in a JSON.parse, safe to print. V8's messages quote the input around the error
 * (`Unexpected token 'r', "root:$y$j9"... is not valid JSON`, or past the start
 * `..."[1, 2, hunter2sec"...`); a file handed over as JSON may be anything, a secret included, so
 * the quote goes.
 */
export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ' is not valid JSON');
}
