import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getConsultation } from '../api/consultations';
import type { Consultation } from '../api/types';
import { useUser } from '../auth/auth-context';
import { Show, useLoad } from '../components/async';
import { EndCauseNote, OpenedEarlyNote } from '../components/consultation-outcome';
import { JoinAction } from '../components/join-action';
import { canStartNow, StartNowForm } from '../components/start-now';
import { StatusBadge } from '../components/status-badge';
import { TwoClocks } from '../components/two-clocks';
import { usePolling } from '../components/use-polling';
import { useNow } from '../time/clock';

/** One consultation's record: when, who, how it went; the join action; a coordinator's "start now". */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => getConsultation(id), [id]);
  usePolling(loaded.reload, 10_000);
  const [updated, setUpdated] = useState<Consultation | null>(null);
  // a fresh load replaces what "start now" answered
  useEffect(() => setUpdated(null), [loaded.data]);
  return <Show loaded={loaded}>{(c) => <Record consultation={updated ?? c} onChanged={setUpdated} />}</Show>;
}

function Record({
  consultation: c,
  onChanged,
}: {
  consultation: Consultation;
  onChanged(updated: Consultation): void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  useNow();
  return (
    <section data-testid="consultation-record" data-id={c.id} data-status={c.status}>
      <h1>
        {t('record.title')} <StatusBadge status={c.status} noShowParty={c.noShowParty} />
      </h1>
      <dl className="invitation-details">
        <dt>{t('record.when')}</dt>
        <dd data-testid="record-time">
          <TwoClocks iso={c.time.startsAt} otherZone={c.patient.timeZone} />
        </dd>
        <dt>{t('roles.specialist')}</dt>
        <dd>{c.specialist.fullName}</dd>
        {user.role !== 'patient' && (
          <>
            <dt>{t('roles.patient')}</dt>
            <dd>{c.patient.fullName}</dd>
          </>
        )}
        {c.interpreterRequired && (
          <>
            <dt>{t('roles.interpreter')}</dt>
            <dd>{c.interpreter?.fullName ?? t('consultations.interpreterPending')}</dd>
          </>
        )}
        {c.cancelReason && (
          <>
            <dt>{t('consultations.reason')}</dt>
            <dd>{c.cancelReason}</dd>
          </>
        )}
      </dl>
      <OpenedEarlyNote consultation={c} />
      <EndCauseNote consultation={c} />
      <div className="actions">
        <JoinAction consultation={c} role={user.role} />
        {user.role === 'specialist' && ['in_progress', 'completed'].includes(c.status) && (
          <Link className="button secondary" to={`/consultations/${c.id}/notes`}>
            {t('notes.write')}
          </Link>
        )}
      </div>
      {canStartNow(c, user.role) && <StartNowForm consultation={c} onStarted={onChanged} />}
      <p>
        <Link to="/consultations">{t('nav.consultations')}</Link>
      </p>
    </section>
  );
}
