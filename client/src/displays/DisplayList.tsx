/** The paired displays, live ones first (newest first), then the revoked ones. */
import { useMemo } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { useT } from '../i18n/index.js';
import { DisplayRow } from './DisplayRow.js';

export function DisplayList({ devices, onChanged }: { devices: DeviceView[]; onChanged(device: DeviceView): void }) {
  const t = useT();
  const sorted = useMemo(
    () => [...devices].sort((a, b) => Number(a.revokedAt !== undefined) - Number(b.revokedAt !== undefined) || b.createdAt - a.createdAt),
    [devices],
  );
  if (sorted.length === 0) return <p className="panel-empty">{t('admin.displays.none')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('admin.displays.col.display')}</th>
          <th scope="col">{t('admin.displays.col.paired')}</th>
          <th scope="col">{t('admin.displays.col.lastSeen')}</th>
          <th scope="col">{t('admin.displays.col.status')}</th>
          <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => <DisplayRow key={d.id} device={d} onChanged={onChanged} />)}
      </tbody>
    </table>
  );
}
