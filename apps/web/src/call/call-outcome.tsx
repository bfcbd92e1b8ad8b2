import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '@yiqiao/domain/roles';
import type { CallPhase } from './call-state';

/** What the person sees once they are out of the call, and where they can go next. */
export function CallOutcome({
  phase,
  error,
  consultationId,
  role,
}: {
  phase: CallPhase;
  error: string | null;
  consultationId: string;
  role: Role;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" data-phase={phase} data-testid="call-outcome">
      <h1 role="status">{t(`call.phase.${phase}`)}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <Link to="/consultations">{t('nav.consultations')}</Link>
      </p>
      {role === 'specialist' && phase === 'ended' && (
        <p>
          <Link to={`/consultations/${consultationId}/notes`}>{t('notes.write')}</Link>
        </p>
      )}
    </section>
  );
}
