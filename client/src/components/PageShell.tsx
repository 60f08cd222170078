/**
 * A signed-in page that is not the floor (the admin and work pages): the header with the
 * language switch, then its content. `className` lets a page style itself (its print sheet).
 */
import type { ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import { AccountMenu } from './AccountMenu.js';
import { Header, LanguageSwitch } from './Header.js';
import { SiteNav } from './SiteNav.js';

export function PageShell({ me, title, children, className }: { me: Me; title: string; children: ReactNode; className?: string }) {
  return (
    <div className={className === undefined ? 'app' : `app ${className}`}>
      <Header>
        <LanguageSwitch />
        <SiteNav me={me} />
        <AccountMenu me={me} />
      </Header>
      <main className="page" aria-labelledby="page-title">
        <h2 id="page-title" className="page-title">{title}</h2>
        {children}
      </main>
    </div>
  );
}
