/** A signed-in page that is not the floor (the admin pages): the header, then its content. */
import type { ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import { AccountMenu } from './AccountMenu.js';
import { Header } from './Header.js';
import { SiteNav } from './SiteNav.js';

export function PageShell({ me, title, children }: { me: Me; title: string; children: ReactNode }) {
  return (
    <div className="app">
      <Header>
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
