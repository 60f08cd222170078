// @vitest-environment jsdom
/**
 * Each kind of alert a rule raises has its own headline in Chinese (and its own words in
 * English), so two alerts of one rule side by side can be told apart: hold-consent's
 * "put the customer on hold without consent" and "past the approved 30 s" were both
 * "征得同意才保持，且不超时". The titles below are the engine's, as it writes them
 * (server/engine/rules); every rule that raises more than one kind is covered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertKind, AlertSubject, AlertSummary } from '../../../shared/alerts.js';
import type { RuleId } from '../../../shared/rules.js';
import { HEADLINES, headlineOf } from '../../../client/src/alerts/alert-title.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { catalogueKeys, translate, useLocale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');
let n = 0;

function alert(rule: RuleId, kind: AlertKind, subject: AlertSubject['kind'], title: string, over: Partial<AlertSummary> = {}): AlertSummary {
  n += 1;
  return {
    id: `a${n}`, rule, article: '1', kind, status: 'open', severity: 'warning', title, subject: { kind: subject, id: `s${n}` },
    openedAt: NOW - n * 1000, updatedAt: NOW, escalationLevel: 'lead', occurrences: 1, ...over,
  };
}

/** Every kind of alert of every rule that raises more than one, with a title as the engine writes it. */
const KINDS: Array<[RuleId, AlertSummary[]]> = [
  ['answer-3-rings', [
    alert('answer-3-rings', 'condition', 'call', 'Call ringing at agent 1001 for 10 s, not answered'),
    alert('answer-3-rings', 'incident', 'call', 'Agent 1001 answered late and did not apologise'),
  ]],
  ['greeting', [
    alert('greeting', 'incident', 'call', 'Agent 1018 opened the call without stating the agent number'),
    alert('greeting', 'incident', 'call', 'Agent 1018 opened the call without the prescribed greeting'),
  ]],
  ['hold-consent', [
    alert('hold-consent', 'incident', 'call', 'Agent 9001 put the customer on hold without consent'),
    alert('hold-consent', 'incident', 'call', 'Agent 9001 put the customer on hold without a stated reason'),
    alert('hold-consent', 'incident', 'call', 'Agent 9001 put the customer on hold without consent or a stated reason'),
    alert('hold-consent', 'condition', 'call', 'Customer on hold at agent 9001 past 60 s without approval'),
    alert('hold-consent', 'condition', 'call', 'Customer on hold at agent 9001 past the approved 30 s'),
  ]],
  ['no-hangup-first', [
    alert('no-hangup-first', 'incident', 'call', 'Agent 1001 released a harassing caller: report required (art. 65)'),
    alert('no-hangup-first', 'incident', 'call', 'Agent 1001 hung up before the customer'),
  ]],
  ['wrap-up-record', [
    alert('wrap-up-record', 'condition', 'call', 'Agent 1001 left after-call work without recording call c1'),
    alert('wrap-up-record', 'incident', 'call', 'Agent 1001 recorded the call without call type and notes'),
    alert('wrap-up-record', 'condition', 'agent', 'Agent 1001 in after-call work for more than 120 s'),
  ]],
  ['lead-early', [
    alert('lead-early', 'condition', 'agent', 'Shift lead 8001 not in 20 min before the 09:00 shift (team A)'),
    alert('lead-early', 'condition', 'floor', 'No pre-shift meeting 10 min before the 09:00 shift (team A, lead 8001)'),
  ]],
  ['one-agent-one-login', [
    alert('one-agent-one-login', 'incident', 'agent', 'Agent number 1001 logged in at S-2 while logged in at S-1'),
    alert('one-agent-one-login', 'incident', 'agent', 'Agent number 1001 logged in at S-2, not its own station S-1'),
  ]],
  ['private-call', [
    alert('private-call', 'incident', 'call', 'Agent 1001 placed a private call through the seat system (art. 105.4: -2 points proposed)'),
    alert('private-call', 'incident', 'call', 'Agent 1001 on a private call longer than 180 s (art. 105.4: -2 points proposed)'),
  ]],
  ['away-without-reason', [
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 on a meal at 10:30, outside the arranged meal times (art. 105.12)'),
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 on break past its arranged end 10:15'),
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 on rest longer than 600 s (the site\'s limit; art. 88 sets none)'),
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 not ready with no reason for 120 s'),
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 on training longer than 300 s'),
    alert('away-without-reason', 'condition', 'agent', 'Agent 1001 left seat S-7: logged out at 10:02 during the shift, without a lead\'s approval (art. 105.11)'),
  ]],
];

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  useSessionStore.setState({
    state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'lead', role: 'lead', teams: ['t1'], mustChangePassword: false } },
  });
});
afterEach(() => cleanup());

describe('headlines of the kinds of alert', () => {
  it('tell the two hold-consent alerts of the review apart in Chinese', () => {
    const about = { agentId: '9001', callId: 'rv-call-1' };
    const consent = alert('hold-consent', 'incident', 'call', 'Agent 9001 put the customer on hold without consent', { ...about, subject: { kind: 'call', id: 'rv-call-1:consent' } });
    const past = alert('hold-consent', 'condition', 'call', 'Customer on hold at agent 9001 past the approved 30 s', { ...about, subject: { kind: 'call', id: 'rv-call-1' } });
    render(createElement(AlertList, { alerts: [consent, past], onDone: () => {} }));
    const headline = (id: string) => within(screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === id)!).getByRole('heading').textContent;
    expect(headline(consent.id)).toBe('未征得客户同意即保持 · 坐席 9001，来电 rv-call-1');
    expect(headline(past.id)).toBe('保持超过批准的 30 秒 · 坐席 9001，来电 rv-call-1');
  });

  it.each(KINDS)('give each kind of %s alert its own Chinese words, none the rule\'s general name', (rule, alerts) => {
    const said = alerts.map((a) => {
      const kind = headlineOf(zh, a);
      expect(kind, a.title).toBeDefined();
      return zh(kind!.key, kind!.vars);
    });
    expect(new Set(said).size, said.join(' | ')).toBe(alerts.length);
    for (const words of said) {
      expect(words).not.toBe(zh(`rule.${rule}`));
      expect(words).toMatch(/[\u4e00-\u9fff]/);
      expect(words).not.toMatch(/\{\w+\}|\b(agent|on|past|without|no reason)\b/);
    }
  });

  it('have every headline in both languages, with the same places', () => {
    const keys = catalogueKeys();
    const places = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const { key } of HEADLINES) {
      expect(keys['zh-CN'], key).toContain(key);
      expect(keys.en, key).toContain(key);
      expect(places(translate('zh-CN', key)), key).toEqual(places(translate('en', key)));
    }
  });

  it('fall back to the kind\'s or the rule\'s words for a title of no known shape (a newer server\'s wording)', () => {
    const reworded = alert('hold-consent', 'condition', 'call', 'Hold too long on call c9');
    expect(zh(headlineOf(zh, reworded)!.key)).toBe('保持超过允许时长');
    expect(headlineOf(zh, alert('away-without-reason', 'condition', 'agent', 'Agent 1001 away somewhere new'))).toBeUndefined();
    expect(headlineOf(zh, alert('forbidden-phrases', 'incident', 'call', 'Agent 1001 used a forbidden phrase'))).toBeUndefined();
  });

  it('cover every rule that raises more than one kind of alert (several raises, or a title chosen among several)', () => {
    // Read from the repository's root, where the tests run (jsdom's import.meta.url is no file URL).
    const dir = join(process.cwd(), 'server/engine/rules');
    const several = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts').filter((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      const raises = source.match(/\braise\(ctx/g)?.length ?? 0;
      // A title not written as one template: chosen by a condition, or passed in.
      const chosen = /\btitle(:\s*[^`\s]|,)/.test(source);
      return raises > 1 || chosen;
    }).map((f) => f.replace(/\.ts$/, '')).sort();
    const covered = [...new Set(HEADLINES.map((h) => h.rule))].sort();
    expect(covered).toEqual(expect.arrayContaining(several));
    expect(new Set(KINDS.map(([rule]) => rule))).toEqual(new Set(covered));
  });
});
