/**
 * `/handover`: the seat handover log (articles 80-82). The outgoing lead fills in and
 * submits the handover the server prefilled from the shift; the incoming lead reads and
 * confirms it (refused, naming them, while critical alerts are open); everyone here can
 * search the history, and open (`/handover?id=`) and print any one of them.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../../shared/access.js';
import type { Handover } from '../../../shared/handover.js';
import { FormError } from '../components/FormError.js';
import { Link } from '../components/Link.js';
import { PageShell } from '../components/PageShell.js';
import { ConfirmHandover } from '../handover/ConfirmHandover.js';
import { fetchCurrent, fetchHandover, type CurrentHandovers } from '../handover/handover-api.js';
import '../handover/handover.css';
import { HandoverForm } from '../handover/HandoverForm.js';
import { HandoverHistory } from '../handover/HandoverHistory.js';
import { HandoverView, usePersonText } from '../handover/HandoverView.js';
import { PrepareHandover } from '../handover/PrepareHandover.js';
import { printPart } from '../handover/print.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT, type Vars } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { PATHS, useQueryParam } from '../routes.js';
import { mayWorkHandovers, mayWriteHandovers } from '../session/page-access.js';
import { useCentreZone } from '../time/centre-zone.js';

export function HandoverPage({ me }: { me: Me }) {
  const t = useT();
  usePageTitle(t('handover.title'));
  const tz = useCentreZone();
  const id = useQueryParam('id');
  return (
    <PageShell me={me} title={t('handover.title')} className="handover-page">
      {id !== null ? <OneHandover id={id} tz={tz} />
        : mayWorkHandovers(me.role) ? <Desk tz={tz} canWrite={mayWriteHandovers(me.role)} canPrepare={me.role === 'supervisor'} />
          : <HandoverHistory tz={tz} refreshKey={0} />}
    </PageShell>
  );
}

function OneHandover({ id, tz }: { id: string; tz: string | undefined }) {
  const t = useT();
  const say = useErrorText();
  const [handover, setHandover] = useState<Handover | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  useEffect(() => {
    let live = true;
    fetchHandover(id).then(
      (h) => { if (live) setHandover(h); },
      (err: unknown) => { if (live) setError(errorOf(err)); },
    );
    return () => { live = false; };
  }, [id]);
  return (
    <section className="panel handover-one">
      <div className="handover-actions no-print">
        <Link href={PATHS.handover} className="button button-quiet">{t('handover.back')}</Link>
        {handover !== null && <button type="button" className="button button-primary" onClick={() => printPart('handover')}>{t('handover.print')}</button>}
      </div>
      <h3 className="section-title print-only">{t('handover.printTitle')}</h3>
      <FormError message={say(error)} />
      {handover === null ? (error === null && <p className="panel-empty">{t('handover.loading')}</p>) : <HandoverView handover={handover} tz={tz} />}
    </section>
  );
}

/**
 * The handovers pending now and the history. A manager reads the pending ones; leads and
 * supervisors act on them; a supervisor also prepares one for any teams and shift change.
 *
 * Those waiting for this reader's confirmation come first when there are any: the
 * incoming lead has them to act on now, while their own next handover is only due at the
 * end of the duty just begun.
 */
function Desk({ tz, canWrite, canPrepare }: { tz: string | undefined; canWrite: boolean; canPrepare: boolean }) {
  const t = useT();
  const say = useErrorText();
  const [current, setCurrent] = useState<CurrentHandovers | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  /** The confirmation, as its key and values: said at each render, so it follows a switch of language. */
  const [done, setDone] = useState<{ key: string; vars: Vars } | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const doneLine = useRef<HTMLParagraphElement>(null);
  const person = usePersonText();
  // The form or confirmation that was pressed is gone once done: focus goes to what says it was done, not to <body>.
  useEffect(() => {
    if (done !== null) doneLine.current?.focus();
  }, [done]);

  const load = useCallback(async () => {
    try {
      setCurrent(await fetchCurrent());
      setError(null);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const submitted = (h: Handover) => {
    setCurrent((c) => (c === null ? c : { ...c, toSubmit: h }));
    const named = h.incoming.name !== undefined || h.incoming.account !== undefined || h.incoming.leadId !== undefined;
    setDone(named ? { key: 'handover.submit.done', vars: { who: person(h.incoming) } } : { key: 'handover.submit.doneSupervisor', vars: {} });
    setHistoryKey((n) => n + 1);
  };
  const prepared = (h: Handover) => {
    setCurrent((c) => (c === null ? c : { ...c, toSubmit: h }));
    setDone(null);
  };
  const confirmed = (h: Handover) => {
    setCurrent((c) => (c === null ? c : { ...c, toConfirm: c.toConfirm.filter((x) => x.id !== h.id) }));
    setDone({ key: 'handover.confirm.done', vars: { n: h.transferredAlerts.length } });
    setHistoryKey((n) => n + 1);
  };

  const toSubmit = current?.toSubmit;
  const outgoing: ReactNode = current !== null && (
    <section key="outgoing" className="panel" aria-labelledby="handover-outgoing-title">
      <h3 id="handover-outgoing-title" className="section-title">{t('handover.outgoing.title')}</h3>
      {canPrepare && <PrepareHandover tz={tz} onPrepared={prepared} />}
      {toSubmit === undefined ? (
        <>
          <p className="panel-empty">{t('handover.outgoing.none')}</p>
          {/* A lead the roster does not name saw only "none", with no way to tell why. */}
          <p className="muted handover-why">{t('handover.outgoing.why')}</p>
        </>
      ) : toSubmit.status === 'draft' && canWrite ? (
        <HandoverForm key={toSubmit.id} draft={toSubmit} tz={tz} onSubmitted={submitted} />
      ) : (
        <>
          {toSubmit.status !== 'draft' && <p className="notice" role="status">{t(toSubmit.status === 'submitted' ? 'handover.outgoing.waiting' : 'handover.outgoing.confirmed')}</p>}
          <HandoverView handover={toSubmit} tz={tz} />
        </>
      )}
    </section>
  );
  const incoming: ReactNode = current !== null && (
    <section key="incoming" className="panel" aria-labelledby="handover-incoming-title">
      <h3 id="handover-incoming-title" className="section-title">
        {t('handover.incoming.title')} <span className="panel-count">{current.toConfirm.length}</span>
      </h3>
      {current.toConfirm.length === 0 ? (
        <p className="panel-empty">{t('handover.incoming.none')}</p>
      ) : (
        current.toConfirm.map((h) => canWrite
          ? <ConfirmHandover key={h.id} handover={h} tz={tz} onConfirmed={confirmed} />
          : <HandoverView key={h.id} handover={h} tz={tz} />)
      )}
    </section>
  );
  return (
    <>
      <p ref={doneLine} tabIndex={-1} className="form-done handover-done" role="status" hidden={done === null}>
        {done !== null && t(done.key, done.vars)}
        {done !== null && <> <Link href={PATHS.alerts}>{t('handover.confirm.toDesk')}</Link></>}
      </p>
      <FormError message={say(error)} />
      {current === null ? (
        error === null && <p className="panel-empty">{t('handover.loading')}</p>
      ) : (
        <div className="handover-current">
          {/* Keyed, so a swap moves the panels and the form keeps what is typed in it. */}
          {current.toConfirm.length > 0 ? [incoming, outgoing] : [outgoing, incoming]}
        </div>
      )}
      <HandoverHistory tz={tz} refreshKey={historyKey} />
    </>
  );
}
