/**
 * Every admin page: the signed-in header, the admin sub-navigation, then the page.
 *
 * The admin tables write times in the centre's zone (time/format.ts formatDateTime, the
 * rules' `timezone`), which the page learns from the server (time/centre-zone.ts). Drawn
 * before the answer, a table wrote its first times in the browser's zone (or the one a
 * page remembered) and others in the centre's later, or kept the wrong ones until
 * something drew it again. So the page is drawn once the zone is settled (the server
 * answered, or could not be asked), and says which zone its times are in when it is not
 * the browser's.
 */
import type { ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import { Link } from '../components/Link.js';
import { PageShell } from '../components/PageShell.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { PATHS, usePath } from '../routes.js';
import { useCentreZone, useCentreZoneSettled } from '../time/centre-zone.js';
import './admin.css';

const SECTIONS = [
  { href: PATHS.adminAccounts, key: 'admin.nav.accounts' },
  { href: PATHS.displays, key: 'admin.nav.displays' },
  { href: PATHS.adminFeedTokens, key: 'admin.nav.feedTokens' },
  { href: PATHS.adminFeeds, key: 'admin.nav.feeds' },
  { href: PATHS.adminNotifications, key: 'admin.nav.notifications' },
  { href: PATHS.adminRules, key: 'admin.nav.rules' },
  { href: PATHS.adminAudit, key: 'admin.nav.audit' },
] as const;

export function AdminNav() {
  const t = useT();
  const path = usePath();
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      <ul className="admin-nav-list">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="admin-nav-link" aria-current={path === s.href || (path === '/admin' && s.href === PATHS.adminAccounts) ? 'page' : undefined}>
              {t(s.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The browser's own zone. */
function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone's canonical name, or undefined when this browser does not know it (a typo in the rules file). */
function canonicalZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Which zone the admin tables' times are in, when it is not the browser's: the centre's,
 * or the browser's when the centre's could not be learnt (or this browser does not know it).
 */
export function ZoneNote({ tz }: { tz: string | undefined }) {
  const t = useT();
  const centre = tz === undefined ? undefined : canonicalZone(tz);
  const browser = browserZone();
  if (centre === undefined) return <p className="muted admin-zone">{t('admin.zone.unknown', { tz: browser })}</p>;
  if (centre === canonicalZone(browser)) return null;
  return <p className="muted admin-zone">{t('admin.zone', { tz: centre })}</p>;
}

export function AdminShell({ me, title, children }: { me: Me; title: string; children: ReactNode }) {
  const t = useT();
  usePageTitle(title);
  const tz = useCentreZone();
  const settled = useCentreZoneSettled();
  return (
    <PageShell me={me} title={title}>
      <AdminNav />
      {settled ? (
        <>
          <ZoneNote tz={tz} />
          {children}
        </>
      ) : <p className="panel-empty" role="status">{t('admin.loading')}</p>}
    </PageShell>
  );
}
