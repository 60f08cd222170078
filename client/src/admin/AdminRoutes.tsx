/**
 * The admin pages by path. Only administrators get them; anyone else gets a page that says
 * so (the server refuses their requests as well: this is about showing the right page).
 */
import type { Me } from '../../../shared/access.js';
import { Link } from '../components/Link.js';
import { StatusScreen } from '../components/StatusScreen.js';
import { useT } from '../i18n/index.js';
import { AdminAccountsPage } from '../pages/AdminAccountsPage.js';
import { AdminAuditPage } from '../pages/AdminAuditPage.js';
import { AdminFeedTokensPage } from '../pages/AdminFeedTokensPage.js';
import { AdminFeedsPage } from '../pages/AdminFeedsPage.js';
import { AdminNotificationsPage } from '../pages/AdminNotificationsPage.js';
import { AdminRulesPage } from '../pages/AdminRulesPage.js';
import { DisplaysPage } from '../pages/DisplaysPage.js';
import { PATHS } from '../routes.js';

export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

export function AdminRoutes({ me, path }: { me: Me; path: string }) {
  const t = useT();
  if (me.role !== 'admin') {
    return (
      <StatusScreen title={t('admin.denied.title')} message={t('admin.denied.message')}>
        <Link className="button button-primary" href={PATHS.floor}>{t('admin.goFloor')}</Link>
      </StatusScreen>
    );
  }
  switch (path) {
    case '/admin':
    case PATHS.adminAccounts:
      return <AdminAccountsPage me={me} />;
    case PATHS.displays:
      return <DisplaysPage me={me} />;
    case PATHS.adminFeedTokens:
      return <AdminFeedTokensPage me={me} />;
    case PATHS.adminRules:
      return <AdminRulesPage me={me} />;
    case PATHS.adminAudit:
      return <AdminAuditPage me={me} />;
    case PATHS.adminFeeds:
      return <AdminFeedsPage me={me} />;
    case PATHS.adminNotifications:
      return <AdminNotificationsPage me={me} />;
    default:
      return (
        <StatusScreen title={t('admin.notFound.title')} message={t('admin.notFound.message', { path })}>
          <Link className="button button-primary" href={PATHS.adminAccounts}>{t('admin.nav.accounts')}</Link>
        </StatusScreen>
      );
  }
}
