import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getConsultation } from '../../api/consultations';
import { listGuests, withdrawGuest } from '../../api/guests';
import type { GuestView } from '../../api/types';
import { describeError, ErrorMessage, Show, useLoad } from '../../components/async';
import { StatusBadge } from '../../components/status-badge';
import { TwoClocks } from '../../components/two-clocks';
import { usePolling } from '../../components/use-polling';
import { canHaveGuests, MAX_ACTIVE_GUESTS } from './guest-rules';
import { GuestItem } from './guest-item';
import { InviteGuestForm } from './invite-guest-form';

/** The patient, the specialist or a coordinator invites family members to a consultation's call. */
export function GuestsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad(async () => {
    const [consultation, guests] = await Promise.all([getConsultation(id), listGuests(id)]);
    return { consultation, guests };
  }, [id]);
  // joins and e-mail delivery change while the page is open
  usePolling(loaded.reload, 10_000);
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<GuestView | null>(null);

  async function withdraw(guest: GuestView) {
    if (!window.confirm(t('guests.confirmWithdraw', { name: guest.name }))) return;
    try {
      await withdrawGuest(id, guest.id);
      setError(null);
      setInvited(null);
      loaded.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section data-testid="guests-page">
      <h1>{t('guests.title')}</h1>
      <p className="hint">{t('guests.waitingRoomNote')}</p>
      <Show loaded={loaded}>
        {({ consultation, guests }) => {
          const open = canHaveGuests(consultation.status);
          const active = guests.filter((g) => !g.revokedAt);
          return (
            <>
              <div className="card row">
                <span>
                  <TwoClocks iso={consultation.time.startsAt} otherZone={consultation.patient.timeZone} /> ·{' '}
                  {t('roles.specialist')}: {consultation.specialist.fullName}
                </span>
                <StatusBadge status={consultation.status} />
              </div>
              <ErrorMessage error={error} />
              {invited && (
                <p role="status" data-testid="invited">
                  {t('guests.invited', { name: invited.name })}
                </p>
              )}
              {guests.length === 0 ? (
                <p className="muted">{t('guests.none')}</p>
              ) : (
                <ul className="guest-list" data-testid="guests">
                  {guests.map((guest) => (
                    <GuestItem
                      key={guest.id}
                      guest={guest}
                      onWithdraw={open ? () => void withdraw(guest) : undefined}
                    />
                  ))}
                </ul>
              )}
              {!open && <p className="notice">{t('guests.closed')}</p>}
              {open && active.length >= MAX_ACTIVE_GUESTS && <p className="notice">{t('guests.limit')}</p>}
              {open && active.length < MAX_ACTIVE_GUESTS && (
                <InviteGuestForm
                  consultationId={id}
                  onInvited={(guest) => {
                    setInvited(guest);
                    loaded.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Show>
      <p>
        <Link to="/consultations">{t('common.back')}</Link>
      </p>
    </section>
  );
}
