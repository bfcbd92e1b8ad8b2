import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantInfo } from '@yiqiao/contracts/sfu';
import type { CallSession } from './call-session';
import type { RemoteMedia } from './call-state';
import { AudioSink, VideoView } from './video-view';

/** One remote person: their video, their voice, and the tile size reported to the SFU. */
export function RemoteTile({
  media,
  participant,
  session,
  speaking,
  sinkId,
}: {
  media: RemoteMedia;
  participant: ParticipantInfo | undefined;
  session: CallSession;
  speaking: boolean;
  sinkId?: string;
}) {
  const { t } = useTranslation();
  const observer = useRef<ResizeObserver | null>(null);
  const element = useRef<HTMLVideoElement | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const consumerId = media.videoConsumerId;

  const report = useCallback(() => {
    const video = element.current;
    if (!video || !consumerId) return;
    const { width, height } = video.getBoundingClientRect();
    const visible = width > 0 && height > 0 && document.visibilityState === 'visible';
    session.reportView(consumerId, visible, Math.round(width), Math.round(height));
  }, [consumerId, session]);

  const watch = useCallback(
    (video: HTMLVideoElement | null) => {
      observer.current?.disconnect();
      element.current = video;
      if (!video) return;
      observer.current = new ResizeObserver(() => {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(report, 250);
      });
      observer.current.observe(video);
      report();
    },
    [report],
  );

  useEffect(() => {
    document.addEventListener('visibilitychange', report);
    return () => {
      document.removeEventListener('visibilitychange', report);
      observer.current?.disconnect();
      window.clearTimeout(timer.current);
    };
  }, [report]);

  const name = participant?.displayName ?? t('call.someone');
  return (
    <figure
      className={`tile${speaking ? ' speaking' : ''}`}
      data-user={media.userId}
      data-consumer={consumerId}
      data-testid="remote-tile"
    >
      {media.video ? (
        <VideoView track={media.video} label={t('call.videoOf', { name })} onElement={watch} />
      ) : (
        <div className="no-video">{t('call.cameraOffFor', { name })}</div>
      )}
      {media.audio && <AudioSink track={media.audio} sinkId={sinkId} />}
      <figcaption>
        {name}
        {participant && <span className="role"> · {t(`roles.${participant.role}`)}</span>}
        {participant?.audioMuted && <span className="muted-mark"> · {t('call.muted')}</span>}
      </figcaption>
    </figure>
  );
}
