/**
 * The TV's device token, kept in localStorage so a TV that is switched off and on shows
 * the floor again without being paired again. Where storage is unavailable (a locked-down
 * kiosk browser) it lives in memory: the TV then re-pairs after a reload, but works.
 */
const KEY = 'floorwatch.deviceToken';
let fallback: string | null = null;

export function readDeviceToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return fallback;
  }
}

export function saveDeviceToken(token: string): void {
  fallback = token;
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // Memory only (see above).
  }
}

export function forgetDeviceToken(): void {
  fallback = null;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
