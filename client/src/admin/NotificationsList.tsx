/**
 * One list of the notification settings (channels, recipients, routes) as the admin edits
 * it: title and intro, the table of entries (or "none yet") with Edit and Delete in each
 * row, and under it the Add button or the form adding or editing one entry. The three lists
 * differ only in their columns, their cells and their form, which the caller gives.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { DeleteButton, NOTIFY_API, SourcePill, type NotifyList } from './NotificationsParts.js';

interface Entry {
  id: string;
  enabled: boolean;
  source: 'file' | 'ui';
}

/** The attribute naming a row's entry (`data-channel="ch-1"`), for finding a row by id. */
const ROW_DATA: Record<NotifyList, string> = { channels: 'data-channel', recipients: 'data-recipient', routes: 'data-route' };

export function NotificationsList<E extends Entry>({ list, entries, nameOf, sub, columns, cells, actions, form, addDisabled = false, onChanged }: {
  list: NotifyList;
  entries: E[];
  /** What the admin calls the entry: its row header, and in its buttons' and form's names. */
  nameOf(entry: E): string;
  /** What the row header says under the name (kind, id), before "disabled". */
  sub(entry: E): ReactNode;
  /** The headings of the columns after the name. */
  columns: string[];
  /** The cells of those columns, for one entry. */
  cells(entry: E): ReactNode;
  /** Buttons before Edit and Delete (a channel's "send a test"). */
  actions?(entry: E): ReactNode;
  /** The form adding (initial undefined) or editing an entry. */
  form(props: { initial: E | undefined; onSaved(): void; onCancel(): void }): ReactNode;
  addDisabled?: boolean;
  onChanged(): void;
}) {
  const t = useT();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const titleId = `notify-${list}-title`;
  const being = editing === null || editing === 'new' ? undefined : entries.find((e) => e.id === editing);
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId} className="section-title">{t(`notify.${list}`)}</h3>
      <p className="section-intro">{t(`notify.${list}.intro`)}</p>
      {entries.length === 0 ? <p className="panel-empty">{t('notify.none')}</p> : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('notify.col.name')}</th>
                {columns.map((c) => <th key={c} scope="col">{c}</th>)}
                <th scope="col"><span className="visually-hidden">{t('notify.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} {...{ [ROW_DATA[list]]: e.id }} className={e.enabled ? undefined : 'is-revoked'}>
                  <th scope="row">
                    {nameOf(e)}
                    <span className="cell-sub">{sub(e)} {!e.enabled && `· ${t('notify.disabled')}`}</span>
                    <SourcePill source={e.source} />
                  </th>
                  {cells(e)}
                  <td className="row-actions">
                    <div className="row-buttons">
                      {actions?.(e)}
                      <button type="button" className="button button-quiet" aria-label={`${t('notify.edit')}: ${nameOf(e)}`} onClick={() => setEditing(e.id)}>{t('notify.edit')}</button>
                      <DeleteButton path={`${NOTIFY_API}/${list}/${encodeURIComponent(e.id)}`} label={`${t('notify.delete')}: ${nameOf(e)}`} onDone={onChanged} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null ? (
        <p style={{ marginTop: '1rem' }}><button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={addDisabled}>{t(`notify.${list}.add`)}</button></p>
      ) : (
        <div className="panel" style={{ marginTop: '1rem', background: 'var(--panel-2)' }}>
          <h4 className="section-title">{editing === 'new' ? t(`notify.${list}.add`) : t(`notify.${list}.edit`, { name: being === undefined ? editing : nameOf(being) })}</h4>
          {/* Keyed by what is edited, so switching entries starts the form afresh. */}
          <Fragment key={editing}>{form({ initial: being, onSaved: done, onCancel: () => setEditing(null) })}</Fragment>
        </div>
      )}
    </section>
  );
}
