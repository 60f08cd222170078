/** The centred card the pages before the floor (sign-in, password, errors) are drawn in. */
import type { ReactNode } from 'react';

export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  return (
    <div className="auth-page">
      <main className="auth-card" aria-labelledby="auth-title">
        <p className="brand auth-brand">Floorwatch</p>
        <h1 id="auth-title" className="auth-title">{title}</h1>
        {intro !== undefined && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
    </div>
  );
}
