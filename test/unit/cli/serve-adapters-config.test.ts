/**
 * `serve --adapters-config FILE` (FLOORWATCH_ADAPTERS_CONFIG): the settings the adapter
 * docs tell an installer to make reach the adapters the server runs, and a bad file stops
 * the start before anything is made, naming the file and the key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../../server/serve.js';

let dir: string;
let server: RunningServer | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-adapters-serve-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = (extra: Partial<ServeOptions>): ServeOptions => ({
  port: 0, host: '127.0.0.1', db: path.join(dir, 'floor.db'), reorderWindowMs: 0, retentionDays: 7, durability: 'NORMAL',
  logger: pino({ level: 'silent' }), adminPassword: 'first-admin-password-xyz', announce: () => undefined, ...extra,
});

/** An Amazon Connect agent event stream record: agent `user` logs in with status `status`. */
const connectLogin = (user: string, status: string) => ({
  AgentARN: `arn:aws:connect:ap-southeast-1:111122223333:instance/i/agent/${user}`,
  EventId: `ev-${user}`, EventTimestamp: new Date().toISOString(), EventType: 'LOGIN', Version: '2019-05-25',
  CurrentAgentSnapshot: {
    AgentStatus: { Name: status, StartTimestamp: new Date().toISOString() },
    Configuration: { Username: user }, Contacts: [],
  },
});

describe('serve --adapters-config', () => {
  it('Amazon Connect maps a custom status by the file\'s statusReasons', async () => {
    const file = path.join(dir, 'adapters.yaml');
    fs.writeFileSync(file, 'amazon-connect:\n  statusReasons:\n    Lunch: meal\n');
    server = await startServer(base({ connectSecret: 'forwarder-secret-123', adaptersConfig: file }));
    const res = await fetch(`${server.url}/hooks/amazon-connect`, {
      method: 'POST', body: JSON.stringify([connectLogin('1001', 'Lunch')]),
      headers: { 'content-type': 'application/json', authorization: 'Bearer forwarder-secret-123' },
    });
    expect(res.status).toBe(200);
    await server.floor.tick();
    expect(server.floor.agent('1001')).toMatchObject({ state: 'not_ready', reason: 'meal' });
  });

  it('a bad file stops the start before the database is made, naming the file and the key', async () => {
    const file = path.join(dir, 'adapters.yaml');
    fs.writeFileSync(file, 'twilio:\n  activityReason: { Lunch: meal }\n');
    await expect(startServer(base({ adaptersConfig: file }))).rejects.toThrow(
      `adapters file ${file} was refused:\n  - twilio.activityReason: unknown key (the twilio section takes source, agentIdFrom, activityReasons,`,
    );
    expect(fs.existsSync(path.join(dir, 'floor.db'))).toBe(false);
  });

  it('a section that says otherwise than --survey-ext is refused, naming both', async () => {
    const file = path.join(dir, 'adapters.yaml');
    fs.writeFileSync(file, 'asterisk-ami:\n  surveyExtension: "7901"\n');
    await expect(startServer(base({ adaptersConfig: file, surveyExtension: '7900' })))
      .rejects.toThrow('asterisk-ami.surveyExtension: also given by --survey-ext, with another value; keep one');
  });
});
