import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Consultation } from '../api/types';
import { useUser } from '../auth/auth-context';
import { canHaveGuests, GUEST_INVITING_ROLES } from '../pages/guests/guest-rules';
import { EndCauseNote, OpenedEarlyNote } from './consultation-outcome';
import { JoinAction } from './join-action';
import { canStartNow } from './start-now';
import { StatusBadge } from './status-badge';
import { TwoClocks } from './two-clocks';

/** Consultations with the actions the viewer's role has on each. */
export function ConsultationList({
  consultations,
  onCancel,
}: {
  consultations: Consultation[];
  onCancel?: (consultation: Consultation) => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  if (consultations.length === 0) return <p className="muted">{t('consultations.none')}</p>;
  return (
    <ul className="consultation-list">
      {consultations.map((c) => {
        return (
          <li key={c.id} className="card" data-testid="consultation" data-id={c.id} data-status={c.status}>
            <div className="row">
              <TwoClocks iso={c.time.startsAt} otherZone={c.patient.timeZone} />
              <StatusBadge status={c.status} noShowParty={c.noShowParty} />
            </div>
            <p className="people">
              <span>
                {t('roles.specialist')}: {c.specialist.fullName} ·{' '}
              </span>
              {user.role !== 'patient' && (
                <span>
                  {t('roles.patient')}: {c.patient.fullName} ·{' '}
                </span>
              )}
              {c.interpreterRequired && (
                <span>
                  {t('roles.interpreter')}: {c.interpreter?.fullName ?? t('consultations.interpreterPending')}
                </span>
              )}
            </p>
            <OpenedEarlyNote consultation={c} />
            <EndCauseNote consultation={c} />
            <div className="actions">
              <JoinAction consultation={c} role={user.role} />
              {canStartNow(c, user.role) && (
                <Link
                  className="button secondary"
                  to={`/consultations/${c.id}#start-now`}
                  data-testid="start-now-link"
                >
                  {t('startNow.action')}
                </Link>
              )}
              {c.status === 'scheduled' && (user.role === 'patient' || user.role === 'coordinator') && (
                <>
                  <Link className="button secondary" to={`/consultations/${c.id}/reschedule`}>
                    {t('consultations.reschedule')}
                  </Link>
                  {onCancel && (
                    <button type="button" className="secondary" onClick={() => onCancel(c)}>
                      {t('consultations.cancel')}
                    </button>
                  )}
                </>
              )}
              {canHaveGuests(c.status) && GUEST_INVITING_ROLES.includes(user.role) && (
                <Link
                  className="button secondary"
                  to={`/consultations/${c.id}/guests`}
                  data-testid="guests-link"
                >
                  {t('guests.manage')}
                </Link>
              )}
              {user.role === 'specialist' && ['in_progress', 'completed'].includes(c.status) && (
                <Link className="button secondary" to={`/consultations/${c.id}/notes`}>
                  {t('notes.write')}
                </Link>
              )}
              <Link className="button secondary" to={`/consultations/${c.id}`} data-testid="details">
                {t('consultations.details')}
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
