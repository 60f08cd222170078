/**
 * A WFM job posting its plan with a bearer token that is not valid (mistyped, revoked)
 * is told so as ingest tells a feed: 401 feedTokenInvalid, not "sign in first" (which
 * sent installers looking for a session a job never has). A display's token is still
 * refused by role, and a request with no credential at all is still asked to sign in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedTvToken, startSecuredFloor, type SecuredFloor } from '../helpers/secured-floor.js';

const CSV = 'kind,agent,name,date,start,end,station,team,breaks,account,teams\n';

let s: SecuredFloor;

beforeAll(async () => {
  s = await startSecuredFloor();
});

afterAll(async () => {
  await s.close();
});

const post = (path: string, authorization: string | undefined, body: string, type: string) => fetch(`${s.base}${path}`, {
  method: 'POST', body, headers: { 'content-type': type, ...(authorization !== undefined && { authorization }) },
});

describe('POST /api/v1/schedule/import with a bearer token', () => {
  it('a token nobody holds gets the answer ingest gives it (401 feedTokenInvalid, the same message); the other answers stay', async () => {
    const ingest = await post('/api/v1/events', 'Bearer wrongtoken', '[]', 'application/json');
    const schedule = await post('/api/v1/schedule/import', 'Bearer wrongtoken', CSV, 'text/csv');
    expect(schedule.status).toBe(401);
    const body = await schedule.json();
    expect(body).toEqual({ error: 'the feed token is not valid (revoked or mistyped)', code: 'feedTokenInvalid' });
    expect(body).toEqual(await ingest.json());
    expect(schedule.headers.get('www-authenticate')).toBe(ingest.headers.get('www-authenticate'));

    // A display's token is still refused by its role; no credential at all is still asked to sign in.
    const tv = await pairedTvToken(s.access);
    const display = await post('/api/v1/schedule/import', `Bearer ${tv}`, CSV, 'text/csv');
    expect(display.status).toBe(403);
    expect((await display.json()).code).toBe('roleNotAllowed');
    const nobody = await post('/api/v1/schedule/import', undefined, CSV, 'text/csv');
    expect(nobody.status).toBe(401);
    expect((await nobody.json()).code).toBe('signInRequired');
    // A valid feed token still gets through to the file (an empty one: its own refusal).
    const valid = await post('/api/v1/schedule/import', `Bearer ${s.feedToken}`, CSV, 'text/csv');
    expect(valid.status).toBe(400);
    expect((await valid.json()).code).toBe('scheduleFileProblems');
  });

  it('a revoked feed token: the same 401 feedTokenInvalid', async () => {
    const { token, view } = await s.access.createFeedToken('wfm export', 'setup');
    await s.access.revokeFeedToken(view.id, 'setup');
    const res = await post('/api/v1/schedule/import', `Bearer ${token}`, CSV, 'text/csv');
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('feedTokenInvalid');
  });
});
