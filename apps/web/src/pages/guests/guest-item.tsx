import { useTranslation } from 'react-i18next';
import type { GuestView } from '../../api/types';
import { LANGUAGE_NAMES } from '../../i18n';
import { formatInZone } from '../../time/format';
import { useAuth } from '../../auth/auth-context';
import { InviteLink } from './invite-link';

/** One invited guest: who, in which language, by whom, joined or not, e-mail delivery, link. */
export function GuestItem({ guest, onWithdraw }: { guest: GuestView; onWithdraw?: () => void }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const zone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string) => formatInZone(iso, zone, i18n.language);
  const withdrawn = guest.revokedAt !== null;
  return (
    <li className="card" data-testid="guest" data-id={guest.id} data-withdrawn={withdrawn}>
      <div className="row">
        <strong>
          {guest.name}
          {guest.relationship && ` · ${guest.relationship}`}
        </strong>
        <span className="badge" lang={guest.language}>
          {LANGUAGE_NAMES[guest.language] ?? guest.language}
        </span>
      </div>
      <p className="muted">
        {t('guests.invitedBy', { name: guest.invitedBy.name, role: t(`roles.${guest.invitedBy.role}`) })}
        {guest.email && ` · ${guest.email}`}
      </p>
      {withdrawn ? (
        <p data-testid="guest-withdrawn">{t('guests.withdrawn', { time: when(guest.revokedAt ?? '') })}</p>
      ) : (
        <>
          <p>
            {guest.lastJoinedAt
              ? t('guests.joined', { time: when(guest.lastJoinedAt) })
              : t('guests.notJoined')}
            {' · '}
            <span data-testid="email-status" data-status={guest.emailStatus}>
              {t(`guests.emailStatus.${guest.emailStatus}`)}
            </span>
          </p>
          {guest.inviteUrl && <InviteLink url={guest.inviteUrl} name={guest.name} />}
          {onWithdraw && (
            <button type="button" className="secondary" data-testid="withdraw-guest" onClick={onWithdraw}>
              {t('guests.withdraw')}
            </button>
          )}
        </>
      )}
    </li>
  );
}
