/**
 * Admins: the accounts. Create one (its one-time password shown once), edit name, role
 * and teams, disable or enable it, reset its password (a new one-time password). Each
 * one-time password stays on the page until the admin dismisses it: creating a second
 * account adds its password to the list, never replaces the first one's.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AccountView, Me } from '../../../shared/access.js';
import { AccountForm } from '../admin/AccountForm.js';
import { AccountRow, type AccountActions } from '../admin/AccountRow.js';
import { parseTeams, type AccountValues } from '../admin/account-input.js';
import { AdminShell } from '../admin/AdminShell.js';
import { OneTimeSecretList, useOneTimeSecrets } from '../admin/OneTimeSecret.js';
import { api, request } from '../api.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

interface WithPassword {
  account: AccountView;
  oneTimePassword: string;
}

export function AdminAccountsPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  const secrets = useOneTimeSecrets();

  const reload = useCallback(async () => {
    try {
      setAccounts(await api.get<AccountView[]>('/api/v1/accounts'));
      setError(null);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const put = (account: AccountView) => setAccounts((list) => (list ?? []).some((a) => a.id === account.id)
    ? (list ?? []).map((a) => (a.id === account.id ? account : a))
    : [...(list ?? []), account]);

  const create = async (values: AccountValues) => {
    const { account, oneTimePassword } = await api.post<WithPassword>('/api/v1/accounts', {
      username: values.username.trim(), name: values.name.trim(), role: values.role,
      teams: values.role === 'lead' ? parseTeams(values.teams) : [],
    });
    put(account);
    secrets.add({
      of: account.id,
      label: { key: 'admin.accounts.secretLabel', vars: { username: account.username } },
      value: oneTimePassword,
      hint: 'admin.accounts.secretHint',
    });
  };

  const actions: AccountActions = {
    async update(account, values) {
      const body: Record<string, unknown> = {};
      if (values.name !== undefined) body.name = values.name.trim();
      if (values.role !== undefined) {
        body.role = values.role;
        body.teams = values.role === 'lead' ? parseTeams(values.teams ?? '') : [];
      }
      if (values.disabled !== undefined) body.disabled = values.disabled;
      put(await request<AccountView>('PATCH', `/api/v1/accounts/${encodeURIComponent(account.id)}`, { body }));
    },
    async resetPassword(account) {
      const result = await api.post<WithPassword>(`/api/v1/accounts/${encodeURIComponent(account.id)}/password-reset`);
      put(result.account);
      secrets.add({
        of: result.account.id,
        label: { key: 'admin.accounts.secretResetLabel', vars: { username: result.account.username } },
        value: result.oneTimePassword,
        hint: 'admin.accounts.secretHint',
      });
    },
  };

  // Enabled first, then by name.
  const sorted = useMemo(
    () => [...(accounts ?? [])].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.username.localeCompare(b.username)),
    [accounts],
  );

  return (
    <AdminShell me={me} title={t('admin.accounts.title')}>
      <OneTimeSecretList secrets={secrets} />
      <section className="panel" aria-labelledby="create-account-title">
        <h3 id="create-account-title" className="section-title">{t('admin.accounts.create')}</h3>
        <p className="section-intro">{t('admin.accounts.createIntro')}</p>
        <AccountForm submit={create} />
      </section>
      <section className="panel" aria-labelledby="accounts-title">
        <h3 id="accounts-title" className="section-title">{t('admin.accounts.list')}</h3>
        <FormError message={say(error)} />
        {accounts === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.col.account')}</th>
                <th scope="col">{t('admin.accounts.col.role')}</th>
                <th scope="col">{t('admin.accounts.col.teams')}</th>
                <th scope="col">{t('admin.accounts.col.status')}</th>
                <th scope="col">{t('admin.accounts.col.lastSignIn')}</th>
                <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => <AccountRow key={a.id} account={a} actions={actions} isMe={a.id === me.id} />)}
            </tbody>
          </table>
        )}
      </section>
    </AdminShell>
  );
}
