/** One feed token: name, who made it and when, last used, and revoking (asked once more). */
import type { FeedTokenView } from '../../../shared/access.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';
import { RevokeCell, StatusCell } from './RevokeCells.js';

export function FeedTokenRow({ token: f, createdBy, onChanged }: { token: FeedTokenView; createdBy: string; onChanged(token: FeedTokenView): void }) {
  const t = useT();
  return (
    <tr className={f.revokedAt !== undefined ? 'is-revoked' : undefined} data-feed-token={f.id}>
      <th scope="row">{f.name}</th>
      <td>{formatDateTime(f.createdAt)}<span className="cell-sub">{createdBy}</span></td>
      <td>{f.lastUsedAt === undefined ? t('admin.never') : formatDateTime(f.lastUsedAt)}</td>
      <StatusCell revokedAt={f.revokedAt} />
      <RevokeCell<FeedTokenView>
        revoked={f.revokedAt !== undefined} path={`/api/v1/feed-tokens/${encodeURIComponent(f.id)}`} className="row-actions"
        label={t('admin.tokens.revokeOf', { name: f.name })} warning={t('admin.tokens.revokeWarning')} onChanged={onChanged}
      />
    </tr>
  );
}
