// @vitest-environment jsdom
/**
 * Three things the TV got wrong: the simulator's floor was not marked as a demo (its
 * snapshot says `demo: true`, and the supervisors' page marks it); "示忙 · 离线休息" broke as
 * "离线休" / "息"; and a refused `?teams=` was shown half in the server's English, in small
 * type. Now: the demo's badge on every page, each label a word that moves whole to the next
 * line, and the refusal in the display's language only, by its code, on a TV-sized screen.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkRefusal } from '../../../client/src/connection.js';
import { agent, snapshot } from './floor-fixtures.js';

const link = vi.hoisted(() => ({ refuse: undefined as undefined | ((reason: string, problem?: LinkRefusal) => void) }));
vi.mock('../../../client/src/use-floor-link.js', () => ({
  useFloorLink: (_credentials: unknown, onRefused: (reason: string, problem?: LinkRefusal) => void) => {
    link.refuse = onRefused;
  },
}));

const { TvBoard } = await import('../../../client/src/tv/TvBoard.js');
const { TvAgents } = await import('../../../client/src/tv/TvPages.js');
const { TvBadScope } = await import('../../../client/src/tv/TvBadScope.js');
const { TvPage } = await import('../../../client/src/pages/TvPage.js');
const { saveDeviceToken, forgetDeviceToken } = await import('../../../client/src/tv/device-token.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const SERVER_ENGLISH = 'teams: list at least one team, or leave teams out for the whole view';
const EMPTY_LIST: LinkRefusal = { code: 'invalidField', params: { field: 'teams', detail: 'list at least one team, or leave teams out for the whole view' } };

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  forgetDeviceToken();
  history.replaceState(null, '', '/');
});

describe('the TV on the demo', () => {
  it('marks the simulated floor on every page, as the supervisors\' page does', () => {
    const { container } = render(h(TvBoard, { paceMs: 600_000 }));
    act(() => useFloorStore.getState().applySnapshot(snapshot({ demo: true })));
    expect(container.querySelector('.tv')!.className).toContain('is-demo');
    const badge = screen.getByRole('note');
    expect(badge.closest('.tv-header')).not.toBeNull();
    expect(badge.textContent).toContain('演示');
  });

  it('says nothing of a demo on a real floor', () => {
    const { container } = render(h(TvBoard, { paceMs: 600_000 }));
    act(() => useFloorStore.getState().applySnapshot(snapshot({ demo: false })));
    expect(container.querySelector('.tv')!.className).not.toContain('is-demo');
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('an agent\'s state on the TV', () => {
  it('keeps each label whole: the state, then the reason, each a unit of its own', () => {
    const { container } = render(h(TvAgents, { agents: [agent('1011', { state: 'not_ready', reason: 'rest' }), agent('1012')] }));
    const [resting, available] = [...container.querySelectorAll('.tv-agent-state-label')];
    expect([...resting!.querySelectorAll('.tv-agent-state-word')].map((w) => w.textContent)).toEqual(['示忙', '离线休息']);
    // The dot stays with the first word: a line may break after it, never before it.
    expect(resting!.textContent).toBe('示忙\u00a0· 离线休息');
    expect([...available!.querySelectorAll('.tv-agent-state-word')].map((w) => w.textContent)).toEqual(['空闲']);
  });
});

describe('a TV whose ?teams= the server refused', () => {
  it('says so in the display\'s language only, with what to do, in the TV\'s own large screen', () => {
    const { container } = render(h(TvBadScope, { problem: EMPTY_LIST, teams: [] }));
    const text = container.textContent!;
    expect(text).toContain('请检查此屏幕的地址');
    expect(text).toContain('?teams=team-01,team-02');
    expect(text).not.toMatch(/list at least|leave teams out/);
    expect(text.replace(/\?teams=[\w,-]*/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(container.querySelector('.tv .tv-bad-scope[role="alert"]')).not.toBeNull();
  });

  it('names the teams this display may not show, by the refusal\'s code', () => {
    act(() => useLocale.setState({ locale: 'en' }));
    const { container } = render(h(TvBadScope, {
      problem: { code: 'notYourTeams', params: { teams: 'team-09' } }, teams: ['team-09'],
    }));
    expect(container.textContent).toContain('This display may not show these teams: team-09.');
  });

  it('the TV page says it in Chinese only, without the server\'s English', async () => {
    saveDeviceToken('device-token-1');
    history.replaceState(null, '', '/tv?teams=,,');
    render(h(TvPage));
    await act(async () => link.refuse!(SERVER_ENGLISH, EMPTY_LIST));
    // Everything but the product's name.
    const message = document.body.textContent!.replace('Floorwatch', '');
    expect(message).toContain('请检查此屏幕的地址');
    expect(message).toContain('?teams=');
    expect(message).not.toContain(SERVER_ENGLISH);
    expect(message.replace(/\?teams=[\w,-]*/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });
});
