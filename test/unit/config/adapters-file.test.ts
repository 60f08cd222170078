/**
 * `--adapters-config FILE`: each adapter's site settings, one section per adapter kind,
 * refused whole (naming the file and the key) when anything in it is not what the adapter
 * takes; the shipped example stays valid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdaptersFile, parseAdaptersFile, unusedSections, withFlags } from '../../../server/config/adapters-file.js';

const refusal = (text: string): string => {
  try {
    parseAdaptersFile(text, 'adapters.yaml');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was taken');
};

describe('the adapters file', () => {
  it('the shipped config/adapters.example.yaml is valid and says what the docs tell installers to set', () => {
    const settings = loadAdaptersFile('config/adapters.example.yaml');
    expect(settings['asterisk-ami']).toMatchObject({ pauseReasons: { Lunch: 'meal', 1: 'break' }, holdConsent: true, surveyExtension: '7900' });
    expect(settings['amazon-connect']).toMatchObject({ statusReasons: { Lunch: 'meal', 'Coffee break': 'break' }, agentStreamEndsCalls: false, callTypeAttribute: 'callType' });
    expect(settings.twilio).toMatchObject({ activityReasons: { Break: 'break' }, agentIdFrom: 'contact_uri' });
    expect(settings['queue-log']).toMatchObject({ surveyExtensions: ['7900'], agentNames: { 'Alice Tan': '1001' } });
    expect(settings.freeswitch).toMatchObject({ agentIds: { '1000@default': 'a-17' } });
  });

  it('reads each section as its adapter takes it; an empty file, or a section left empty, is no settings', () => {
    expect(parseAdaptersFile('twilio:\n  agentIdFrom: { attribute: agent_no }\n', 'a.yaml')).toEqual({ twilio: { agentIdFrom: { attribute: 'agent_no' } } });
    expect(parseAdaptersFile('asterisk-ami:\n  # holdConsent: false\n', 'a.yaml')).toEqual({ 'asterisk-ami': {} });
    expect(parseAdaptersFile('', 'a.yaml')).toEqual({});
  });

  it.each([
    ['asterisk-ami:\n  pauseReason: { Lunch: meal }\n', 'asterisk-ami.pauseReason: unknown key (the asterisk-ami section takes surveyExtension, pauseReasons,'],
    ['freeswitch-esl:\n  holdConsent: false\n', 'freeswitch-esl: unknown key (the sections are asterisk-ami, queue-log, freeswitch, twilio, amazon-connect)'],
    ['amazon-connect:\n  statusReasons: { Lunch: lunch }\n', 'amazon-connect.statusReasons.Lunch: expected one of break, meal, rest, meeting, training, other'],
    ['amazon-connect:\n  agentStreamEndsCalls: "no"\n', 'amazon-connect.agentStreamEndsCalls: expected true or false'],
    ['twilio:\n  agentIdFrom: Worker\n', 'twilio.agentIdFrom: expected WorkerName, contact_uri or { attribute: <worker attribute> }'],
    ['asterisk-ami:\n  backoff: { initialMs: 0, maxMs: 1000 }\n', 'asterisk-ami.backoff.initialMs: expected a whole number of milliseconds > 0'],
    ['asterisk-ami:\n  surveyExtension: 07900\n', 'asterisk-ami.surveyExtension: 07900 is unquoted, so YAML reads it as the number 7900: quote it ("07900")'],
    ['queue-log:\n  pauseReasons:\n    01: break\n', 'queue-log.pauseReasons.01: the key 01 is unquoted, so YAML reads it as the number 1: quote it ("01")'],
    ['asterisk-ami:\n  agentIds:\n    SIP/alice: 0101\n', 'asterisk-ami.agentIds.SIP/alice: 0101 is unquoted'],
    ['asterisk-ami: 3\n', 'asterisk-ami: expected a mapping of settings (name: value, one a line)'],
    ['asterisk-ami: [\n', 'line 2: not valid YAML'],
  ])('refuses %j, naming the file and the key', (text, message) => {
    const said = refusal(text);
    expect(said).toMatch(/^adapters file adapters\.yaml was refused:\n {2}- /);
    expect(said).toContain(message);
  });

  it('says every problem in one pass', () => {
    const said = refusal('asterisk-ami:\n  holdConsent: maybe\n  pauseReasonz: {}\ntwilio:\n  activityReasons: { Lunch: food }\n');
    expect(said.split('\n').slice(1)).toEqual([
      expect.stringContaining('asterisk-ami.holdConsent: expected true or false'),
      expect.stringContaining('asterisk-ami.pauseReasonz: unknown key'),
      expect.stringContaining('twilio.activityReasons.Lunch: expected one of'),
    ]);
  });

  it('a file that cannot be read is refused with its path and the reason', () => {
    expect(() => loadAdaptersFile(path.join(os.tmpdir(), 'no-such-adapters-fw.yaml'))).toThrow(/adapters file .*no-such-adapters-fw\.yaml was refused:\n {2}- cannot be read \(ENOENT\)/);
  });

  it('puts --survey-ext and --agent-ids in the sections that take them, and refuses a section that says otherwise', () => {
    const flags = { surveyExtension: '7900', agentIds: { 'SIP/alice': '1023' } };
    expect(withFlags({ twilio: { defaultQueue: 'x' } }, flags, undefined)).toEqual({
      twilio: { defaultQueue: 'x' },
      'asterisk-ami': { surveyExtension: '7900', agentIds: { 'SIP/alice': '1023' } },
      freeswitch: { surveyExtension: '7900' },
      'queue-log': { surveyExtensions: ['7900'], agentNames: { 'SIP/alice': '1023' } },
    });
    // The same value in both places is no disagreement.
    expect(withFlags({ 'asterisk-ami': { surveyExtension: '7900', holdConsent: false } }, { surveyExtension: '7900' }, 'a.yaml')['asterisk-ami'])
      .toEqual({ surveyExtension: '7900', holdConsent: false });
    expect(() => withFlags({ 'asterisk-ami': { surveyExtension: '7901' } }, flags, 'a.yaml'))
      .toThrow('adapters file a.yaml was refused:\n  - asterisk-ami.surveyExtension: also given by --survey-ext, with another value; keep one');
  });

  it('names the sections of adapters that do not run', () => {
    expect(unusedSections({ twilio: {}, 'asterisk-ami': {} }, new Set(['asterisk-ami'] as const))).toEqual(['twilio']);
  });

  it('loads a file from disk as the server does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-adapters-'));
    const file = path.join(dir, 'adapters.yaml');
    fs.writeFileSync(file, 'asterisk-ami:\n  holdConsent: false\n');
    expect(loadAdaptersFile(file)).toEqual({ 'asterisk-ami': { holdConsent: false } });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
