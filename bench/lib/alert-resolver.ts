/**
 * The shift leads of a soak: a supervisor's screen that resolves every alert a while after
 * it opened, as leads do on a real floor. Without it a simulated floor's alerts would stay
 * open for ever and the live state would grow with them, which no staffed floor does: the
 * soak is about what the server keeps, not about alerts nobody handles.
 *
 * A real socket.io client (it decodes the deltas), one per soak: a whole-floor view of
 * every change is the one screen that has to see everything.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { AlertSummary } from '../../shared/alerts.js';
import { unpack, type MaybePacked } from '../../shared/packed.js';
import type { ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../shared/wallboard.js';
import { signInAdmin } from '../../test/integration/server-process.js';
import { Browser } from '../../test/integration/access/access-server.js';

const PASSWORD = 'Lantern harbour 58 at dusk';

export interface AlertResolver {
  /** Alerts resolved so far. */
  resolved(): number;
  /** Resolve commands the server refused (an alert already resolved by the floor itself is fine). */
  refused(): number;
  close(): void;
}

/** A supervisor account made through the admin's API, signed in with its password set. */
async function supervisor(base: string): Promise<Browser> {
  const admin = await signInAdmin(base);
  const username = `soak-lead-${Date.now()}`;
  const made = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username, name: 'Soak lead', role: 'supervisor', teams: [] } });
  if (made.status !== 201) throw new Error(`supervisor account: ${made.status} ${await made.text()}`);
  const { oneTimePassword } = (await made.json()) as { oneTimePassword: string };
  const lead = new Browser(base);
  const first = await lead.call('POST', '/api/v1/session', { body: { username, password: oneTimePassword } });
  if (first.status !== 200) throw new Error(`supervisor sign-in: ${first.status}`);
  const changed = await lead.call('POST', '/api/v1/session/password', { csrf: true, body: { currentPassword: oneTimePassword, newPassword: PASSWORD } });
  if (changed.status !== 200) throw new Error(`supervisor password: ${changed.status}`);
  return lead;
}

export async function startAlertResolver(base: string, afterMs: number): Promise<AlertResolver> {
  const lead = await supervisor(base);
  const socket: Socket<WallboardServerToClient, WallboardClientToServer> = connect(`${base}/wallboard`, {
    transports: ['websocket'],
    extraHeaders: { cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  const timers = new Map<string, NodeJS.Timeout>();
  let resolved = 0;
  let refused = 0;
  const handle = (alerts: readonly AlertSummary[]): void => {
    for (const alert of alerts) {
      if (alert.status === 'resolved') {
        clearTimeout(timers.get(alert.id));
        timers.delete(alert.id);
      } else if (!timers.has(alert.id)) {
        timers.set(alert.id, setTimeout(() => {
          socket.emit('alert:resolve', { alertId: alert.id, note: 'handled (soak)' }, (result) => {
            if (result.ok) resolved += 1;
            else refused += 1;
          });
        }, afterMs));
      }
    }
  };
  socket.on('snapshot', (s: MaybePacked<ScreenSnapshot>) => handle(unpack(s).alerts));
  socket.on('delta', (d: MaybePacked<ScreenDelta>) => handle(unpack(d).alerts));
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    resolved: () => resolved,
    refused: () => refused,
    close() {
      for (const t of timers.values()) clearTimeout(t);
      socket.close();
    },
  };
}
