import { useTranslation } from 'react-i18next';
import type { ParticipantInfo } from '@yiqiao/contracts/sfu';
import type { MuteRefusal } from './call-state';

/** What staff may do to others in the list; absent for everyone else. */
export interface Moderation {
  mute(userId: string): void;
  refusal: MuteRefusal | null;
}

function refusalKey(refusal: MuteRefusal) {
  if (refusal.code === 'forbidden') return 'call.muteNotAllowed' as const;
  if (refusal.code === 'not_found') return 'call.muteGone' as const;
  return 'call.muteFailed' as const;
}

export function ParticipantsPanel({
  self,
  participants,
  local,
  moderation,
}: {
  self: ParticipantInfo | null;
  participants: ParticipantInfo[];
  /** our own mute state is known locally and exactly; the server's copy may lag */
  local: { micMuted: boolean; cameraOff: boolean };
  moderation?: Moderation;
}) {
  const { t } = useTranslation();
  const me = self && { ...self, audioMuted: local.micMuted, videoMuted: local.cameraOff };
  const everyone = me ? [me, ...participants] : participants;
  const refusal = moderation?.refusal;
  const refusedName =
    refusal && (participants.find((p) => p.userId === refusal.userId)?.displayName ?? t('call.someone'));
  return (
    <section className="participants" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('call.participants')}</h2>
      <ul data-testid="participants">
        {everyone.map((p) => (
          <li key={p.userId} data-user={p.userId} data-status={p.status} data-muted={p.audioMuted}>
            <strong>{p.displayName}</strong> · {t(`roles.${p.role}`)} ·{' '}
            {t(`call.participantStatus.${p.status}`)}
            {p.audioMuted && ` · ${t('call.muted')}`}
            {p.videoMuted && ` · ${t('call.noVideo')}`}
            {p.quality !== 'unknown' && ` · ${t(`call.quality.${p.quality}`)}`}
            {moderation && p.userId !== self?.userId && p.status === 'in_call' && !p.audioMuted && (
              <>
                {' '}
                <button
                  type="button"
                  className="secondary"
                  data-testid="mute-participant"
                  aria-label={t('call.muteParticipant', { name: p.displayName })}
                  onClick={() => moderation.mute(p.userId)}
                >
                  {t('call.mute')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {refusal && refusedName && (
        <p className="error" role="alert" data-testid="mute-refusal">
          {t(refusalKey(refusal), { name: refusedName })}
        </p>
      )}
    </section>
  );
}
