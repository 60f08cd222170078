/** A whole-page message (checking the session, server unreachable, not allowed, not found). */
import type { ReactNode } from 'react';
import { usePageTitle } from '../page-title.js';
import { AuthCard } from './AuthCard.js';

export function StatusScreen({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <AuthCard title={title}>
      <p className="status-message" role="status">{message}</p>
      {children !== undefined && <div className="form-actions">{children}</div>}
    </AuthCard>
  );
}
