/** Admins: the rules file in force, as the server runs it (read-only: it is changed in the file). */
import { useEffect, useState } from 'react';
import type { Me } from '../../../shared/access.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { AdminShell } from '../admin/AdminShell.js';
import { RulesView } from '../admin/RulesView.js';
import { api } from '../api.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

export function AdminRulesPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [config, setConfig] = useState<RulesConfig | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  useEffect(() => {
    api.get<RulesConfig>('/api/v1/rules').then(setConfig, (err: unknown) => setError(errorOf(err)));
  }, []);
  return (
    <AdminShell me={me} title={t('admin.rules.title')}>
      <p className="section-intro rules-intro">{t('admin.rules.intro')}</p>
      <FormError message={say(error)} />
      {config === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : <RulesView config={config} />}
    </AdminShell>
  );
}
