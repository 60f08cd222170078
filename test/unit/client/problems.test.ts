// @vitest-environment jsdom
/**
 * Refusals in the reader's language: the page shows a coded refusal (shared/problems.ts) in
 * Chinese or English by its code, falls back to the server's English for a code it does
 * not know, and says what it says itself (no answer, no reason) in the reader's language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, messageOf } from '../../../client/src/api.js';
import { acknowledgeAlert } from '../../../client/src/alerts/commands.js';
import { catalogueKeys, translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { PASSWORD_PROBLEMS } from '../../../shared/password-problems.js';
import { fillTemplate, problem, PROBLEMS, type ProblemCode } from '../../../shared/problems.js';
import { SCHEDULE_PROBLEMS, type ScheduleProblemCode } from '../../../shared/schedule-problems.js';
import { installFakeFetch } from './fake-fetch.js';

afterEach(() => {
  vi.unstubAllGlobals();
  useLocale.getState().setLocale('zh-CN');
});

async function refusal(run: () => Promise<unknown>): Promise<ApiError> {
  const err = await run().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** The `{name}` places of a template. */
const places = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the problem codes', () => {
  it('fill their English templates from the parameters, and keep the text a server gives instead', () => {
    expect(problem('alertNotOpen', { alertId: 'a-1' })).toEqual({
      error: 'alert a-1 is not open (unknown or already resolved)', code: 'alertNotOpen', params: { alertId: 'a-1' },
    });
    expect(problem('notApplied', undefined, 'the schedule change was not applied')).toEqual({ error: 'the schedule change was not applied', code: 'notApplied' });
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('each have a Chinese and an English message, the Chinese using no parameter the server does not send', () => {
    const zh = new Set(catalogueKeys()['zh-CN']);
    for (const code of Object.keys(PROBLEMS) as ProblemCode[]) {
      expect(zh.has(`problem.${code}`), code).toBe(true);
      const chinese = translate('zh-CN', `problem.${code}`);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
      for (const name of places(chinese)) expect(places(PROBLEMS[code]), `${code}: {${name}}`).toContain(name);
    }
    for (const code of Object.keys(PASSWORD_PROBLEMS)) expect(translate('zh-CN', `password.problem.${code}`), code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('of a schedule file\'s rows each have a Chinese message too, using no parameter the server does not send', () => {
    const zh = new Set(catalogueKeys()['zh-CN']);
    for (const code of Object.keys(SCHEDULE_PROBLEMS) as ScheduleProblemCode[]) {
      expect(zh.has(`schedule.problem.${code}`), code).toBe(true);
      const chinese = translate('zh-CN', `schedule.problem.${code}`);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
      // {where} ("row 3", "shifts item 3") always comes with its number, {row}.
      const sent = places(SCHEDULE_PROBLEMS[code]).flatMap((name) => (name === 'where' ? [name, 'row'] : [name]));
      for (const name of places(chinese)) expect(sent, `${code}: {${name}}`).toContain(name);
    }
  });
});

describe('a refused request', () => {
  it('is said in Chinese by its code, with its parameters', async () => {
    installFakeFetch({
      'POST /api/v1/alerts/a-1/acknowledge': { status: 409, body: { ok: false, ...problem('alertAlreadyAcknowledged', { alertId: 'a-1', by: 'lead-b' }), field: 'alertId' } },
    });
    const err = await refusal(() => api.post('/api/v1/alerts/a-1/acknowledge', {}));
    expect(err.message).toBe('告警 a-1 已由 lead-b 确认。');
    expect(err.field).toBe('alertId');
  });

  it('is said in English as a sentence when the reader chose English', async () => {
    useLocale.getState().setLocale('en');
    installFakeFetch({ 'GET /api/v1/session': { status: 401, body: problem('signInRequired') } });
    expect((await refusal(() => api.get('/api/v1/session'))).message).toBe('Sign in first.');
  });

  it('falls back to the server\'s English for a code the page does not know, or none', async () => {
    installFakeFetch({
      'GET /a': { status: 409, body: { error: 'something newer', code: 'fromANewerServer' } },
      'GET /b': { status: 400, body: { error: 'invalid points: 3 is not allowed' } },
    });
    expect((await refusal(() => api.get('/a'))).message).toBe('Something newer.');
    expect((await refusal(() => api.get('/b'))).message).toBe('Invalid points: 3 is not allowed.');
  });

  it('with no reason at all, or no answer, is said by the page in the reader\'s language', async () => {
    installFakeFetch({ 'GET /down': { status: 503 } });
    expect((await refusal(() => api.get('/down'))).message).toBe('Floorwatch 服务器没有响应（503），请稍后再试。');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('network');
    });
    expect((await refusal(() => api.get('/x'))).message).toBe('无法连接 Floorwatch 服务器。请检查网络，然后重试。');
    expect(messageOf(new Error('boom'))).toBe('出现错误，请刷新页面后重试。');
  });

  it('lists a refused password\'s problems by their codes, keeping a sentence it has no code for', async () => {
    installFakeFetch({
      'POST /api/v1/session/password': {
        status: 400,
        body: { ...problem('passwordNotChanged'), problems: [PASSWORD_PROBLEMS.tooShort, 'A rule from a newer server.'], problemCodes: ['tooShort', null] },
      },
    });
    const err = await refusal(() => api.post('/api/v1/session/password', {}));
    expect(err.message).toBe('密码未修改。');
    expect(err.problems).toEqual(['密码至少需要 10 个字符。', 'A rule from a newer server.']);
  });
});

describe('a refused command over REST', () => {
  it('is said by its code too', async () => {
    installFakeFetch({
      'POST /api/v1/alerts/a-9/acknowledge': { body: { ok: false, ...problem('notYourTeam') } },
    });
    expect((await refusal(() => acknowledgeAlert('a-9', ''))).message).toBe('这不是您负责的班组。');
  });
});
