/** The time at the centre (its rules' time zone), on the server's clock; the date in the page's language. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useLocale, useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatCentreClock } from '../time/format.js';
import { useServerClock } from '../time/ticker.js';

export function CentreClock() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const tz = useFloorStore((s) => s.floor?.timezone);
  const now = useServerClock();
  if (tz === undefined) return null;
  const { time, date } = formatCentreClock(now, tz);
  return (
    <div className="centre-clock" title={t('clock.title', { tz })}>
      <span className="centre-clock-time">{time}</span>
      <span className="centre-clock-date">
        {locale === 'zh-CN' ? chineseDate(now, tz) : date} · {tz}
      </span>
    </div>
  );
}

/** "11月28日 星期六" in the centre's zone (an unknown zone falls back to the display's). */
function chineseDate(epochMs: number, tz: string): string {
  let d = dayjs(epochMs);
  try {
    d = d.tz(tz);
  } catch {
    // keep the display's zone
  }
  return d.locale('zh-cn').format('M月D日 dddd');
}
