import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '@yiqiao/domain/roles';
import { JoinRefusalNotice } from '../components/join-action';
import type { JoinRefusal } from '../time/join-window';
import type { CallPhase } from './call-state';

/** What the person sees once they are out of the call, and where they can go next. */
export function CallOutcome({
  phase,
  error,
  refusal,
  consultationId,
  role,
}: {
  phase: CallPhase;
  error: string | null;
  refusal: JoinRefusal | null;
  consultationId: string;
  role: Role;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" data-phase={phase} data-testid="call-outcome">
      <h1 role="status">{t(`call.phase.${phase}`)}</h1>
      {refusal && <JoinRefusalNotice refusal={refusal} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <Link to={`/consultations/${consultationId}`}>{t('consultations.details')}</Link> ·{' '}
        <Link to="/consultations">{t('nav.consultations')}</Link>
      </p>
      {role === 'specialist' && (phase === 'ended' || phase === 'time_over') && (
        <p>
          <Link to={`/consultations/${consultationId}/notes`}>{t('notes.write')}</Link>
        </p>
      )}
    </section>
  );
}
