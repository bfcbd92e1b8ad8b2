import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Live microphone level (0–100) from an AnalyserNode. */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 100)));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void context.close();
    };
  }, [stream]);
  return level;
}

export function MicMeter({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const level = useMicLevel(stream);
  return (
    <div className="mic-meter">
      <label htmlFor="mic-level">{t('precheck.micLevel')}</label>
      <meter id="mic-level" min={0} max={100} low={5} high={90} optimum={40} value={level} data-level={level}>
        {level}
      </meter>
    </div>
  );
}
