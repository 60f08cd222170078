/**
 * Admins: the feed tokens the telephony and speech connectors send events with. A new
 * token is shown once; the list says when each was last used; revoking asks once more.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccountView, FeedTokenView, Me } from '../../../shared/access.js';
import { AdminShell } from '../admin/AdminShell.js';
import { FeedTokenRow } from '../admin/FeedTokenRow.js';
import { OneTimeSecretList, useOneTimeSecrets } from '../admin/OneTimeSecret.js';
import { api, ApiError } from '../api.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

export function AdminFeedTokensPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [tokens, setTokens] = useState<FeedTokenView[] | null>(null);
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<ErrorText | null>(null);
  const secrets = useOneTimeSecrets();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<ErrorText | null>(null);
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    try {
      setTokens(await api.get<FeedTokenView[]>('/api/v1/feed-tokens'));
      setError(null);
    } catch (err) {
      setError(errorOf(err));
    }
    // Only to name who created each token: the list still works without it.
    api.get<AccountView[]>('/api/v1/accounts').then((list) => setPeople(new Map(list.map((a) => [a.id, a.username]))), () => {});
  }, []);
  useEffect(() => void reload(), [reload]);

  const changed = (token: FeedTokenView) => setTokens((list) => [token, ...(list ?? []).filter((x) => x.id !== token.id)]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    if (name.trim() === '') {
      setNameError(pageError('admin.tokens.error.name'));
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      const { token, feedToken } = await api.post<{ token: string; feedToken: FeedTokenView }>('/api/v1/feed-tokens', { name: name.trim() });
      changed(feedToken);
      setName('');
      secrets.add({ of: feedToken.id, label: { key: 'admin.tokens.secretLabel', vars: { name: feedToken.name } }, value: token, hint: 'admin.tokens.secretHint' });
    } catch (err) {
      if (err instanceof ApiError && err.field === 'name') setNameError(errorOf(err));
      else setFormError(errorOf(err));
      nameInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const sorted = useMemo(
    () => [...(tokens ?? [])].sort((a, b) => Number(a.revokedAt !== undefined) - Number(b.revokedAt !== undefined) || b.createdAt - a.createdAt),
    [tokens],
  );

  return (
    <AdminShell me={me} title={t('admin.tokens.title')}>
      <OneTimeSecretList secrets={secrets} />
      <section className="panel">
        <form className="form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="token-create-title">
          <h3 id="token-create-title" className="section-title">{t('admin.tokens.create')}</h3>
          <p className="section-intro">{t('admin.tokens.createIntro')}</p>
          <div className="form-row">
            <Field
              ref={nameInput} id="token-name" label={t('admin.tokens.name')} placeholder={t('admin.tokens.namePlaceholder')}
              autoComplete="off" maxLength={100} error={say(nameError)} value={name} onChange={(e) => setName(e.target.value)}
            />
            <div className="form-row-action">
              <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('admin.saving') : t('admin.tokens.createButton')}</button>
            </div>
          </div>
          <FormError message={say(formError)} />
        </form>
      </section>
      <section className="panel" aria-labelledby="tokens-title">
        <h3 id="tokens-title" className="section-title">{t('admin.tokens.list')}</h3>
        <FormError message={say(error)} />
        {tokens === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : sorted.length === 0 ? (
          <p className="panel-empty">{t('admin.tokens.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.tokens.col.name')}</th>
                <th scope="col">{t('admin.tokens.col.created')}</th>
                <th scope="col">{t('admin.tokens.col.lastUsed')}</th>
                <th scope="col">{t('admin.tokens.col.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((f) => <FeedTokenRow key={f.id} token={f} createdBy={people.get(f.createdBy) ?? f.createdBy} onChanged={changed} />)}
            </tbody>
          </table>
        )}
      </section>
    </AdminShell>
  );
}
