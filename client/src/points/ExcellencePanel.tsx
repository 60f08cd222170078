/**
 * Article 104.8: the annual excellence candidates, the top three by average quarterly
 * score and never more than 15% of the centre's headcount, with each quarter's score.
 */
import { useEffect, useState } from 'react';
import type { ExcellenceCandidates } from '../../../shared/points.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { signed } from './items.js';
import { PeriodStepper } from './PeriodStepper.js';
import { fetchExcellence } from './points-api.js';

export function ExcellencePanel({ initialYear }: { initialYear: number }) {
  const t = useT();
  const say = useErrorText();
  const [year, setYear] = useState(initialYear);
  const [result, setResult] = useState<ExcellenceCandidates | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  useEffect(() => {
    let live = true;
    setResult(null);
    fetchExcellence(year).then(
      (r) => { if (live) { setResult(r); setError(null); } },
      (err: unknown) => { if (live) setError(errorOf(err)); },
    );
    return () => { live = false; };
  }, [year]);
  const quarters = [1, 2, 3, 4].map((n) => `${year}-Q${n}`);
  return (
    <section className="panel" aria-labelledby="points-excellence-title">
      <div className="points-head">
        <h3 id="points-excellence-title" className="section-title">{t('points.excellence.title')}</h3>
        <PeriodStepper
          period={String(year)} previousLabel={t('points.excellence.previous')} nextLabel={t('points.excellence.next')}
          onStep={(step) => setYear((y) => y + step)}
        />
      </div>
      <p className="section-intro">{t('points.excellence.intro')}</p>
      <FormError message={say(error)} />
      {result === null ? (error === null && <p className="panel-empty">{t('points.loading')}</p>) : (
        <>
          <p className="muted">{t('points.excellence.cap', { headcount: result.headcount, cap: result.cap })}</p>
          {result.candidates.length === 0 ? <p className="panel-empty">{t('points.excellence.none')}</p> : (
            <div className="table-scroll">
              <table className="table points-excellence">
                <thead>
                  <tr>
                    <th scope="col">{t('points.col.agent')}</th>
                    <th scope="col" className="num">{t('points.excellence.average')}</th>
                    {quarters.map((q) => <th key={q} scope="col" className="num">{q.slice(5)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {result.candidates.map((c) => (
                    <tr key={c.agentId} data-candidate={c.agentId}>
                      <th scope="row">{c.agentId}{c.name !== undefined && <span className="cell-sub">{c.name}</span>}</th>
                      <td className="num points-value">{c.average.toFixed(1)}</td>
                      {quarters.map((q) => <td key={q} className="num">{c.quarters[q] === undefined ? '—' : signed(c.quarters[q])}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
