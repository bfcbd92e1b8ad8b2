import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { joinAsGuest } from '../../api/guests';
import { DeviceCheck } from '../../call/precheck-page';
import { InsideJoinWindow } from '../../components/join-action';
import { JOINABLE_STATUSES } from '../../time/join-window';
import { InvitationSummary } from './invitation-summary';
import { useGuest } from './guest-invitation-page';

/** The guest's first page: what they are invited to, when (both clocks), then the device check. */
export function GuestCheckPage() {
  const { t } = useTranslation();
  const { token, invitation } = useGuest();
  const navigate = useNavigate();
  const join = useCallback(() => joinAsGuest(token), [token]);
  return (
    <>
      <InvitationSummary invitation={invitation} />
      {/* `joinable` is "joinable now"; before the window opens the guest is told when it does */}
      {JOINABLE_STATUSES.includes(invitation.consultation.status) ? (
        <InsideJoinWindow window={invitation.joinWindow}>
          <DeviceCheck
            consultationId={invitation.consultation.id}
            fetchJoin={join}
            onContinue={() => void navigate(`/guest/${encodeURIComponent(token)}/call`)}
          />
        </InsideJoinWindow>
      ) : (
        <p className="notice" data-testid="not-joinable">
          {t('guest.notJoinable')}
        </p>
      )}
    </>
  );
}
