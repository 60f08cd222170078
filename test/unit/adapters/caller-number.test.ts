/**
 * A customer who withholds their number is a customer (art. 60-76 apply, the little bee
 * counts them), not a personal call (art. 105.4): the adapters say `unknown`, and the
 * engine raises no private-call alert nor takes 2 points for a long talk with them.
 */
import { describe, expect, it } from 'vitest';
import { isWithheldNumber } from '../../../server/adapters/caller-number.js';
import { AmiMapper } from '../../../server/adapters/asterisk-ami/mapping.js';
import { amiMessage } from '../../../server/adapters/asterisk-ami/parser.js';
import { FsMapper } from '../../../server/adapters/freeswitch/mapping.js';
import { parseEventPlain } from '../../../server/adapters/freeswitch/parser.js';
import type { FloorEventInput } from '../../../shared/events.js';
import { PlanHarness } from '../engine/plan-harness.js';

const WITHHELD_FORMS = [undefined, '', 'anonymous', 'Anonymous', '<unknown>', 'unknown', 'private', 'restricted', 'unavailable', '0000000000'];

function amiOffer(from: string | undefined): FloorEventInput {
  const headers: Array<[string, string]> = [['Event', 'QueueCallerJoin'], ['Queue', 'support'], ['Uniqueid', '1764291605.11'], ['Channel', 'SIP/trunk-1']];
  if (from !== undefined) headers.push(['CallerIDNum', from]);
  return new AmiMapper({ host: 'pbx1' }).map(amiMessage(headers), 1).events[0];
}

function fsOffer(from: string | undefined): FloorEventInput {
  const headers: Record<string, string> = {
    'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': 'member-queue-start',
    'CC-Queue': 'support@default', 'CC-Member-Session-UUID': 'c-1',
  };
  if (from !== undefined) headers['CC-Member-CID-Number'] = from;
  const event = parseEventPlain(Object.entries(headers).map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`).join('') + '\n');
  if (typeof event === 'string') throw new Error(event);
  return new FsMapper({ host: 'fs1' }).map(event, 1).events[0];
}

describe('a withheld caller number', () => {
  it('is recognised in every form the phone systems write it, and a real number is not', () => {
    for (const form of WITHHELD_FORMS) expect([form, isWithheldNumber(form)]).toEqual([form, true]);
    for (const number of ['0612345678', '+8613812345678', '95588', '10086']) expect([number, isWithheldNumber(number)]).toEqual([number, false]);
  });

  it('is a customer whose number is not known, from Asterisk and FreeSWITCH alike', () => {
    for (const offer of [amiOffer, fsOffer]) {
      for (const form of WITHHELD_FORMS) {
        const event = offer(form) as { numberClass?: string; from?: string };
        expect([form, event.numberClass, event.from]).toEqual([form, 'unknown', undefined]);
      }
      expect(offer('0612345678')).toMatchObject({ numberClass: 'customer', from: '0612345678' });
    }
  });

  it('talking 4 minutes with such a customer is no private call (art. 105.4): no alert, no points taken', () => {
    for (const offer of [amiOffer, fsOffer]) {
      const { type: _type, id: _id, ts: _ts, source: _source, ...fields } = offer('anonymous') as FloorEventInput & Record<string, unknown>;
      const h = new PlanHarness();
      h.login(0, '1001');
      h.at(1, 'call.offered', { ...fields, callId: 'c1' });
      h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
      h.at(4, 'call.answered', { callId: 'c1', agentId: '1001' });
      h.tick(244);
      h.at(245, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
      expect(h.of('private-call')).toEqual([]);
      expect(h.pointsOf('private-call')).toEqual([]);
    }
  });
});
