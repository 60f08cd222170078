/**
 * A secret written into a feed URL as it is: `#`, `/` and `?` end the part it belongs to,
 * and the rest became the host (`asterisk-ami://floorwatch:p@ss#1/x:y@127.0.0.1:4618`
 * connected to `ss:5038` for ever, logging part of the secret as the host). Such URLs are
 * refused at start, saying to percent-encode, never repeating the secret.
 */
import { describe, expect, it } from 'vitest';
import { checkFeedUrls } from '../../../server/adapters/check-feeds.js';
import { parseAmiUrl } from '../../../server/adapters/asterisk-ami/url.js';
import { parseEslUrl } from '../../../server/adapters/freeswitch/url.js';

const refusal = (url: string): string => {
  try {
    checkFeedUrls([url]);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${url} was taken`);
};

describe('feed URLs with a secret that was not percent-encoded', () => {
  it.each([
    ['asterisk-ami://floorwatch:p@ss#1/x:y@127.0.0.1:4618', 'a "#" part', ['p@ss', 'ss#1', 'x:y']],
    ['asterisk-ami://floorwatch:12/cd@127.0.0.1:5038', 'a path after the host', ['12/cd', '/cd']],
    ['asterisk-ami://floorwatch:Zq7w@127.0.0.1:5038?x=1', 'a "?" part', ['Zq7w']],
    ['freeswitch-esl://:Clue#Con@fs1.example:8021', 'not a valid URL', ['Clue', 'Con']],
    ['freeswitch-esl://:Zq7w@fs1.example:8021#x', 'a "#" part', ['Zq7w']],
    ['freeswitch-esl://:pw@fs1.example:8021/x', 'a path after the host', ['pw@']],
    // Cut short where the rest is no URL at all: refused as such, with the same advice.
    ['asterisk-ami://floorwatch:Zq?7w@127.0.0.1:5038', 'not a valid URL', ['Zq', '7w']],
    ['freeswitch-esl://:99/x@fs1.example', 'not a valid URL', ['99/x']],
  ])('%s is refused, saying to percent-encode, without the secret', (url, what, secretParts) => {
    const said = refusal(url);
    expect(said).toContain(what);
    expect(said).toContain('must be percent-encoded');
    expect(said).toContain('# -> %23');
    for (const part of secretParts) expect(said).not.toContain(part);
  });

  it('an invalid percent-encoding in the secret is refused without it', () => {
    const said = refusal('asterisk-ami://floorwatch:50%zz@127.0.0.1:5038');
    expect(said).toMatch(/^asterisk-ami: the password in the url is not valid percent-encoding; .*must be percent-encoded/);
    expect(said).not.toContain('50%zz');
  });

  it('the same secrets percent-encoded connect where they say', () => {
    expect(parseAmiUrl(`asterisk-ami://floorwatch:${encodeURIComponent('p@ss#1/x:y')}@127.0.0.1:4618`))
      .toMatchObject({ host: '127.0.0.1', port: 4618, username: 'floorwatch', secret: 'p@ss#1/x:y' });
    expect(parseEslUrl(`freeswitch-esl://:${encodeURIComponent('Clue#Con/?')}@fs1.example`))
      .toMatchObject({ host: 'fs1.example', port: 8021, password: 'Clue#Con/?' });
    // A trailing slash is no path: nothing is lost.
    expect(() => checkFeedUrls(['asterisk-ami://floorwatch:secret@pbx.example:5038/', 'freeswitch-esl://:pw@fs1.example:8021'])).not.toThrow();
  });
});
