/**
 * Admins: pair TVs by the code they show, and revoke them. The list is re-read now and
 * then so "last seen" stays honest while the page is open.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DeviceView, Me } from '../../../shared/access.js';
import { api } from '../api.js';
import { FormError } from '../components/FormError.js';
import { AdminShell } from '../admin/AdminShell.js';
import { DisplayList } from '../displays/DisplayList.js';
import { PairDisplayForm } from '../displays/PairDisplayForm.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

const REFRESH_MS = 30_000;

export function DisplaysPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [devices, setDevices] = useState<DeviceView[] | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);

  const reload = useCallback(async () => {
    try {
      setDevices(await api.get<DeviceView[]>('/api/v1/displays'));
      setError(null);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  // Show the server's answer at once, then re-read the list for anything else that changed.
  const changed = (device: DeviceView) => {
    setDevices((list) => [device, ...(list ?? []).filter((d) => d.id !== device.id)]);
    void reload();
  };

  return (
    <AdminShell me={me} title={t('admin.displays.title')}>
      <section className="panel">
        <PairDisplayForm onPaired={changed} />
      </section>
      <section className="panel" aria-labelledby="displays-title">
        <h3 id="displays-title" className="section-title">{t('admin.displays.list')}</h3>
        <FormError message={say(error)} />
        {devices === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : <DisplayList devices={devices} onChanged={changed} />}
      </section>
    </AdminShell>
  );
}
