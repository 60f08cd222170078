/**
 * The opt-in alarm for critical alerts: a short tone (Web Audio, no sound file) and a
 * browser notification. Off until the lead turns it on (a browser may only start sound
 * and ask for notifications after a click anyway); the choice is remembered.
 */
import { useEffect, useRef } from 'react';
import { RULE_INFO } from '../../../shared/rules.js';
import type { BoardAlert } from './floor-read.js';

const KEY = 'floorwatch.alerts.alarm';

export function readAlarmChoice(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveAlarmChoice(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // not remembered
  }
}

export type NotificationState = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askForNotifications(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return 'denied';
  }
}

let audio: AudioContext | undefined;

/** Two short beeps. Created on first use (after the opt-in click, so the browser allows it). */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const offset of [0, 0.3]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.25);
    }
  } catch {
    // No audio here: the notification (and the page) still say it.
  }
}

/** Unlocks audio inside the opt-in click (autoplay rules). */
export function primeAudio(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    // no audio
  }
}

/**
 * Sounds and notifies once per critical alert that opens while the alarm is on. Alerts
 * already open when the page loads (or when the alarm is switched on) are on screen and
 * do not ring.
 */
export function useCriticalAlarm(open: readonly BoardAlert[], enabled: boolean, ready: boolean, title: (a: BoardAlert) => string): void {
  const seen = useRef<Set<string> | null>(null);
  const label = useRef(title);
  label.current = title;

  useEffect(() => {
    if (!ready) return;
    const critical = open.filter((a) => a.severity === 'critical' && a.status === 'open');
    if (seen.current === null || !enabled) {
      seen.current = new Set(critical.map((a) => a.id));
      return;
    }
    const fresh = critical.filter((a) => !seen.current!.has(a.id));
    for (const a of fresh) seen.current.add(a.id);
    if (fresh.length === 0) return;
    beep();
    if (notificationState() === 'granted') {
      for (const a of fresh) {
        try {
          // The title is customer-free by contract; `sensitive` is not in the store at all.
          new Notification(label.current(a), { body: a.title, tag: `floorwatch-${a.id}` });
        } catch {
          // Some browsers only notify from a service worker: the tone has sounded.
        }
      }
    }
  }, [open, enabled, ready]);
}

export function ruleName(a: BoardAlert): string {
  return `${a.rule} (${RULE_INFO[a.rule]?.article ?? a.article})`;
}
