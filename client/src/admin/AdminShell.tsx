/** Every admin page: the signed-in header, the admin sub-navigation, then the page. */
import type { ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import { Link } from '../components/Link.js';
import { PageShell } from '../components/PageShell.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { PATHS, usePath } from '../routes.js';
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

export function AdminShell({ me, title, children }: { me: Me; title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <PageShell me={me} title={title}>
      <AdminNav />
      {children}
    </PageShell>
  );
}
