/** Nobody may mistake the simulator for the real floor: loud, and in words. */
import { useT } from '../i18n/index.js';

export function DemoBadge() {
  const t = useT();
  return (
    <div className="demo-badge" role="note">
      <span className="demo-badge-tag">{t('demo.tag')}</span>
      <span>{t('demo.text')}</span>
    </div>
  );
}
