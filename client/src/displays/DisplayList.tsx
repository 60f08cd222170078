/** The paired displays, live ones first (newest first), then the revoked ones. */
import { useMemo } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { DisplayRow } from './DisplayRow.js';

export function DisplayList({ devices, onChanged }: { devices: DeviceView[]; onChanged(device: DeviceView): void }) {
  const sorted = useMemo(
    () => [...devices].sort((a, b) => Number(a.revokedAt !== undefined) - Number(b.revokedAt !== undefined) || b.createdAt - a.createdAt),
    [devices],
  );
  if (sorted.length === 0) return <p className="panel-empty">No displays are paired yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Display</th>
          <th scope="col">Paired</th>
          <th scope="col">Last seen</th>
          <th scope="col">Status</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => <DisplayRow key={d.id} device={d} onChanged={onChanged} />)}
      </tbody>
    </table>
  );
}
