// @vitest-environment jsdom
/**
 * Each kind of alert a rule raises has its own headline in Chinese (and its own words in
 * English), so two alerts of one rule side by side can be told apart: hold-consent's
 * "put the customer on hold without consent" and "past the approved 30 s" were both
 * "征得同意才保持，且不超时". The kind is the alert's title code (shared/alert-titles.ts),
 * which the engine puts beside its English title; the titles below are made by the same
 * function the engine's rules use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_TITLES, alertTitle, ruleOfTitle, type AlertTitleCode, type AlertTitleParams } from '../../../shared/alert-titles.js';
import type { AlertKind, AlertSubject, AlertSummary } from '../../../shared/alerts.js';
import type { RuleId } from '../../../shared/rules.js';
import { headlineOf } from '../../../client/src/alerts/alert-title.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { catalogueKeys, translate, useLocale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');
let n = 0;

function alert(code: AlertTitleCode, params: AlertTitleParams, over: Partial<AlertSummary> = {}): AlertSummary {
  n += 1;
  const kind: AlertKind = 'condition';
  const subject: AlertSubject = { kind: 'agent', id: `s${n}` };
  return {
    id: `a${n}`, rule: ruleOfTitle(code), article: '1', kind, status: 'open', severity: 'warning', ...alertTitle(code, params), subject,
    openedAt: NOW - n * 1000, updatedAt: NOW, escalationLevel: 'lead', occurrences: 1, ...over,
  };
}

/** Figures for every parameter a title may have, as the engine gives them. */
const PARAMS: AlertTitleParams = {
  agent: '1001', seconds: 120, minutes: 20, time: '10:30', end: '10:15', at: '09:00', notReady: 'break', seat: 'S-7',
  station: 'S-2', others: 'S-1', call: 'c1', teams: 'A', lead: '8001', relief: '1002',
};

const CODES = Object.keys(ALERT_TITLES) as AlertTitleCode[];

/** An alert of every kind, grouped by rule. */
const KINDS: Array<[RuleId, AlertSummary[]]> = [...new Set(CODES.map(ruleOfTitle))]
  .map((rule) => [rule, CODES.filter((code) => ruleOfTitle(code) === rule).map((code) => alert(code, PARAMS))]);

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
    const consent = alert('hold-consent.noConsent', { agent: '9001' }, { ...about, kind: 'incident', subject: { kind: 'call', id: 'rv-call-1:consent' } });
    const past = alert('hold-consent.pastApproved', { agent: '9001', seconds: 30 }, { ...about, subject: { kind: 'call', id: 'rv-call-1' } });
    render(createElement(AlertList, { alerts: [consent, past], onDone: () => {} }));
    const headline = (id: string) => within(screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === id)!).getByRole('heading').textContent;
    expect(headline(consent.id)).toBe('未征得客户同意即保持 · 坐席 9001，来电 rv-call-1');
    expect(headline(past.id)).toBe('保持超过批准的 30 秒 · 坐席 9001，来电 rv-call-1');
  });

  it.each(KINDS)('give each kind of %s alert its own Chinese words, none the rule\'s general name', (rule, alerts) => {
    const said = alerts.map((a) => {
      const kind = headlineOf(zh, a);
      expect(kind, a.title).toBeDefined();
      expect(kind!.key).toBe(`alert.headline.${a.titleCode}`);
      return zh(kind!.key, kind!.vars);
    });
    expect(new Set(said).size, said.join(' | ')).toBe(alerts.length);
    for (const words of said) {
      expect(words).not.toBe(zh(`rule.${rule}`));
      expect(words).toMatch(/[\u4e00-\u9fff]/);
      expect(words).not.toMatch(/\{\w+\}|\b(agent|on|past|without|no reason)\b/);
    }
  });

  it('have every headline in both languages, with the same places, each a figure its code has', () => {
    const keys = catalogueKeys();
    const places = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of CODES) {
      const key = `alert.headline.${code}`;
      expect(keys['zh-CN'], key).toContain(key);
      expect(keys.en, key).toContain(key);
      expect(places(translate('zh-CN', key)), key).toEqual(places(translate('en', key)));
      expect(places(ALERT_TITLES[code]), key).toEqual(expect.arrayContaining(places(translate('en', key))));
    }
  });

  it('say a notReady reason in the reader\'s words, and the figures as the title gives them', () => {
    const past = alert('away-without-reason.pastWindow', { agent: '1001', notReady: 'meal', end: '12:30' });
    expect(translate('zh-CN', headlineOf(zh, past)!.key, headlineOf(zh, past)!.vars)).toBe(zh('alert.headline.away-without-reason.pastWindow', { notReady: zh('reason.meal'), end: '12:30' }));
    expect(zh(headlineOf(zh, past)!.key, headlineOf(zh, past)!.vars)).toContain('12:30');
  });

  it('fall back to the rule\'s words for an alert without a code (stored before codes) or with one this page does not know', () => {
    const old = alert('hold-consent.pastLimit', { agent: '9001', seconds: 60 });
    delete old.titleCode;
    expect(headlineOf(zh, old)).toBeUndefined();
    const newer = { ...alert('hold-consent.pastLimit', { agent: '9001', seconds: 60 }), titleCode: 'hold-consent.somethingNew' } as unknown as AlertSummary;
    expect(headlineOf(zh, newer)).toBeUndefined();
    // A code of another rule than the alert's is not believed.
    const mixed = { ...alert('hold-consent.pastLimit', { agent: '9001', seconds: 60 }), rule: 'greeting' } as AlertSummary;
    expect(headlineOf(zh, mixed)).toBeUndefined();
  });

  it('cover every code the engine\'s rules write, and every rule writes its titles by code', () => {
    // Read from the repository's root, where the tests run (jsdom's import.meta.url is no file URL).
    const dir = join(process.cwd(), 'server/engine/rules');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const code of Object.keys(ALERT_TITLES)) expect(sources, code).toContain(`'${code}'`);
    // A title written as text, not as a code: `title: \`...\``.
    expect(sources).not.toMatch(/\btitle:\s*`/);
  });
});
