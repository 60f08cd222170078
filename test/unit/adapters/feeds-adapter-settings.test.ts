/**
 * The adapters file's sections reach the adapters `serve` builds: an AMI feed maps the
 * site's pause reasons and agent ids, and marks holds with its hold consent, as the file
 * says (before, `serve` passed only the survey extension and the agent ids).
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../shared/events.js';
import { adapterFor, feedKind } from '../../../server/adapters/feeds.js';
import type { FeedAdapter } from '../../../server/adapters/types.js';
import { parseAdaptersFile } from '../../../server/config/adapters-file.js';
import { FakeAmiServer, SinkRecorder } from './asterisk-ami/fake-ami-server.js';

let server: FakeAmiServer;
let port: number;
let adapter: FeedAdapter | undefined;
beforeEach(async () => {
  server = new FakeAmiServer();
  port = await server.listen();
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await server.close();
});

const ami = (fields: Array<[string, string]>): string => `${fields.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;

describe('adapter settings from the adapters file', () => {
  it('an AMI feed uses the file\'s pauseReasons and agentIds', async () => {
    const settings = parseAdaptersFile([
      'asterisk-ami:',
      '  pauseReasons: { Coaching: training }',
      '  agentIds: { PJSIP/1024: "A-0024" }',
      '  backoff: { initialMs: 5, maxMs: 20 }',
      '  batch: { intervalMs: 5 }',
    ].join('\n'), 'adapters.yaml');
    const rec = new SinkRecorder<FloorEventInput>();
    adapter = adapterFor(`asterisk-ami://floorwatch:pw@127.0.0.1:${port}`, rec.sink, pino({ level: 'silent' }), { timeZone: 'UTC', adapters: settings });
    const started = adapter.start();
    const session = await server.nextSession();
    await started;
    session.send(ami([['Event', 'QueueMemberAdded'], ['Timestamp', '1764291900.000100'], ['Queue', 'support'], ['MemberName', 'Agent 1024'], ['Interface', 'PJSIP/1024'], ['Paused', '0']])
      + ami([['Event', 'QueueMemberPause'], ['Timestamp', '1764291960.000300'], ['Queue', 'support'], ['MemberName', 'Agent 1024'], ['Interface', 'PJSIP/1024'], ['Paused', '1'], ['PausedReason', 'Coaching']]));
    await rec.untilEvent('agent.state');
    expect(rec.events.find((e) => e.type === 'agent.state')).toMatchObject({ agentId: 'A-0024', state: 'not_ready', reason: 'training' });
  });

  it('knows which section each feed URL reads', () => {
    expect(['asterisk-ami://u:p@h', 'ami://u:p@h', 'queue-log:///q', 'freeswitch-esl://:p@h', 'esl://:p@h', 'sip://x'].map(feedKind))
      .toEqual(['asterisk-ami', 'asterisk-ami', 'queue-log', 'freeswitch', 'freeswitch', undefined]);
  });
});
