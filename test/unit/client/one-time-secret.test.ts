// @vitest-environment jsdom
/**
 * The one-time secret panel: the value, a plain "shown once" warning, a copy button that
 * uses the clipboard (or selects the text when there is none), and a way to hide it.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OneTimeSecret } from '../../../client/src/admin/OneTimeSecret.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

const SECRET = { label: 'One-time password for lin.wu', value: 'kX9-pQ2-mZ7', hint: 'They change it at first sign-in.' };

describe('OneTimeSecret', () => {
  beforeEach(() => useLocale.setState({ locale: 'en' }));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the secret with a "shown once" warning and takes the focus', () => {
    render(createElement(OneTimeSecret, { secret: SECRET, onDone: () => {} }));
    expect(screen.getByText(SECRET.value)).toBeTruthy();
    expect(screen.getByRole('heading', { name: SECRET.label })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/Shown once\..*cannot be shown again/);
    expect(document.activeElement).toBe(screen.getByTestId('one-time-secret'));
  });

  it('copies the value to the clipboard and says so', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(createElement(OneTimeSecret, { secret: SECRET, onDone: () => {} }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(SECRET.value);
  });

  it('selects the text when the clipboard is refused', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    render(createElement(OneTimeSecret, { secret: SECRET, onDone: () => {} }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText(/press Ctrl\+C/);
    expect(window.getSelection()?.toString()).toBe(SECRET.value);
  });

  it('is hidden when the admin says it has been passed on', () => {
    const onDone = vi.fn();
    render(createElement(OneTimeSecret, { secret: SECRET, onDone }));
    fireEvent.click(screen.getByRole('button', { name: /I have passed it on/ }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
