import { useTranslation } from 'react-i18next';
import type { ParticipantInfo } from '@yiqiao/contracts/sfu';

export function ParticipantsPanel({
  self,
  participants,
  local,
}: {
  self: ParticipantInfo | null;
  participants: ParticipantInfo[];
  /** our own mute state is known locally and exactly; the server's copy may lag */
  local: { micMuted: boolean; cameraOff: boolean };
}) {
  const { t } = useTranslation();
  const me = self && { ...self, audioMuted: local.micMuted, videoMuted: local.cameraOff };
  const everyone = me ? [me, ...participants] : participants;
  return (
    <section className="participants" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('call.participants')}</h2>
      <ul data-testid="participants">
        {everyone.map((p) => (
          <li key={p.userId} data-user={p.userId} data-status={p.status}>
            <strong>{p.displayName}</strong> · {t(`roles.${p.role}`)} ·{' '}
            {t(`call.participantStatus.${p.status}`)}
            {p.audioMuted && ` · ${t('call.muted')}`}
            {p.videoMuted && ` · ${t('call.noVideo')}`}
            {p.quality !== 'unknown' && ` · ${t(`call.quality.${p.quality}`)}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
