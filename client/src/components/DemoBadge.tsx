/**
 * Nobody may mistake the simulator for the real floor: loud, and in words. The tag says
 * "demo"; the text says what that means (without saying "demo" a second time).
 */
import { useT } from '../i18n/index.js';

export function DemoBadge() {
  const t = useT();
  return (
    <div className="demo-badge" role="note">
      <span className="demo-badge-tag">{t('demo.tag')}</span>
      <span className="demo-badge-text">{t('demo.text')}</span>
    </div>
  );
}
