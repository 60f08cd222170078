/**
 * The pages a signed-in person can go to, by role: the floor and the alert desk for
 * everyone, the schedule, the handover log and the points ledger for those the server
 * lets read them, the admin pages only for admins.
 */
import type { Me } from '../../../shared/access.js';
import { useT } from '../i18n/index.js';
import { PATHS, usePath } from '../routes.js';
import { mayReadHandovers, mayReadPoints, mayReadSchedule } from '../session/page-access.js';
import { Link } from './Link.js';

export function SiteNav({ me }: { me: Me }) {
  const path = usePath();
  const t = useT();
  const pages = [
    { href: PATHS.floor, label: t('nav.floor') },
    { href: PATHS.alerts, label: t('nav.alerts') },
    ...(mayReadSchedule(me.role) ? [{ href: PATHS.schedule, label: t('nav.schedule') }] : []),
    ...(mayReadHandovers(me.role) ? [{ href: PATHS.handover, label: t('nav.handover') }] : []),
    ...(mayReadPoints(me.role) ? [{ href: PATHS.points, label: t('nav.points') }] : []),
    // One entry for all the admin pages; they have their own sub-navigation.
    ...(me.role === 'admin' ? [{ href: PATHS.adminAccounts, label: t('nav.admin'), section: '/admin/' }] : []),
  ];
  // One page has nowhere else to go: no nav at all beats a single self-link.
  if (pages.length < 2) return null;
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      {pages.map((p) => (
        <Link key={p.href} href={p.href} className="site-nav-link" aria-current={path === p.href ? 'page' : 'section' in p && p.section !== undefined && path.startsWith(p.section) ? 'true' : undefined}>
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
