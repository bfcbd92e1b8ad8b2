import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { joinAsGuest } from '../../api/guests';
import { CallView } from '../../call/call-page';
import type { CallPhase } from '../../call/call-state';
import { JoinRefusalNotice } from '../../components/join-action';
import type { JoinRefusal } from '../../time/join-window';
import { useGuest } from './guest-invitation-page';

/** The guest's waiting room and call, entered with the invitation link's token. */
export function GuestCallPage() {
  const { token, invitation } = useGuest();
  const join = useCallback(() => joinAsGuest(token), [token]);
  return (
    <CallView
      consultationId={invitation.consultation.id}
      fetchJoin={join}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
      startsAt={invitation.consultation.startsAt}
      outcome={(phase, error, refusal) => (
        <GuestOutcome phase={phase} error={error} refusal={refusal} token={token} />
      )}
    />
  );
}

/** Out of the call: no account pages to go to; the same link lets them back in while the visit lasts. */
function GuestOutcome({
  phase,
  error,
  refusal,
  token,
}: {
  phase: CallPhase;
  error: string | null;
  refusal: JoinRefusal | null;
  token: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card narrow" data-phase={phase} data-testid="call-outcome">
      <h1 role="status">{t(`call.phase.${phase}`)}</h1>
      {refusal && <JoinRefusalNotice refusal={refusal} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {phase === 'ended' || phase === 'time_over' || phase === 'withdrawn' ? (
        <p>{t('guest.closePage')}</p>
      ) : (
        <p>
          <Link to={`/guest/${encodeURIComponent(token)}`}>{t('guest.rejoin')}</Link>
        </p>
      )}
    </section>
  );
}
