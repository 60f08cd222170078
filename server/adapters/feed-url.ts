/**
 * What the URL-style live feeds (asterisk-ami://, freeswitch-esl://) take from their URL:
 * the credentials, the host and the port, nothing else. A secret written into the URL as
 * it is can end the part it belongs to early: `#` starts a fragment, `/` a path and `?` a
 * query, so `asterisk-ami://floorwatch:p@ss#1/x@pbx:5038` is the host `ss` with the rest
 * thrown away, and the feed retried `ss:5038` for ever. So a fragment, a query or a path
 * (none of which these adapters use) is refused, saying to percent-encode the secret.
 * Nothing here repeats the URL or any part of it: it holds the secret.
 */

/** How to write a secret with special characters, for every message about a URL's form. */
export const PERCENT_ENCODE = 'a secret or password with any of # / ? @ : % or a space must be percent-encoded in the URL '
  + '(# -> %23, / -> %2F, ? -> %3F, @ -> %40, : -> %3A, % -> %25, space -> %20; node -p "encodeURIComponent(process.argv[1])" \'SECRET\' prints it)';

/** Throws `<feed>: ...` when the URL has a part the feed does not use (whatever its parts hold). */
export function refuseUnusedParts(u: URL, feed: string, form: string): void {
  const extra = u.hash !== '' ? 'a "#" part' : u.search !== '' ? 'a "?" part' : u.pathname !== '' && u.pathname !== '/' ? 'a path after the host' : undefined;
  if (extra === undefined) return;
  throw new Error(`${feed}: the url has ${extra}, which this feed does not use (expected ${form}); usually a secret written as it is ended the secret early: ${PERCENT_ENCODE}`);
}

/** A percent-decoded user or password; a message naming which, never the value, when it is not valid encoding. */
export function decodePart(value: string, feed: string, which: 'user' | 'password'): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new Error(`${feed}: the ${which} in the url is not valid percent-encoding; ${PERCENT_ENCODE}`);
  }
}
