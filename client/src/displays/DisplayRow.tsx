/** One paired display. Revoking turns the TV dark at once; it has to be paired again. */
import type { DeviceView } from '../../../shared/access.js';
import { RevokeCell, StatusCell } from '../admin/RevokeCells.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';

export function DisplayRow({ device: d, onChanged }: { device: DeviceView; onChanged(device: DeviceView): void }) {
  const t = useT();
  return (
    <tr className={d.revokedAt !== undefined ? 'is-revoked' : undefined} data-display={d.id}>
      <th scope="row" className="display-name">{d.name}</th>
      <td>{formatDateTime(d.createdAt)}</td>
      <td>{d.lastSeenAt === undefined ? t('admin.never') : formatDateTime(d.lastSeenAt)}</td>
      <StatusCell revokedAt={d.revokedAt} />
      <RevokeCell<DeviceView>
        revoked={d.revokedAt !== undefined} path={`/api/v1/displays/${encodeURIComponent(d.id)}`} className="display-actions"
        label={t('admin.displays.revokeOf', { name: d.name })} warning={t('admin.displays.revokeWarning')} onChanged={onChanged}
      />
    </tr>
  );
}
