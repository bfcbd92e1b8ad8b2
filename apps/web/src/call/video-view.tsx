import { useEffect, useRef } from 'react';

/** A <video> bound to a stream or a single track. */
export function VideoView({
  stream,
  track,
  muted = true,
  mirrored = false,
  label,
  onElement,
}: {
  stream?: MediaStream | null;
  track?: MediaStreamTrack;
  muted?: boolean;
  mirrored?: boolean;
  label: string;
  onElement?: (element: HTMLVideoElement | null) => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = stream ?? (track ? new MediaStream([track]) : null);
    void element.play().catch(() => undefined);
  }, [stream, track]);
  useEffect(() => {
    onElement?.(ref.current);
    return () => onElement?.(null);
  }, [onElement]);
  return (
    <video
      ref={ref}
      className={mirrored ? 'mirrored' : undefined}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
    />
  );
}

/** Plays a remote audio track (kept outside the video so muting video never mutes the voice). */
export function AudioSink({ track, sinkId }: { track: MediaStreamTrack; sinkId?: string }) {
  const ref = useRef<HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    if (sinkId && element.setSinkId) void element.setSinkId(sinkId).catch(() => undefined);
    void element.play().catch(() => undefined);
  }, [track, sinkId]);
  return <audio ref={ref} autoPlay />;
}
