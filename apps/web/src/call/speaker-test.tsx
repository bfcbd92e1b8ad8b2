import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays a short two-tone chime on the chosen speaker so the person can confirm they hear it. */
export function SpeakerTest({ outputDeviceId }: { outputDeviceId?: string }) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const [heard, setHeard] = useState<boolean | null>(null);

  async function play() {
    setPlaying(true);
    const context = new AudioContext();
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.gain.value = 0.2;
    gain.connect(destination);
    [660, 880].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + index * 0.4);
      oscillator.stop(context.currentTime + index * 0.4 + 0.35);
    });
    const audio: SinkAudio = new Audio();
    audio.srcObject = destination.stream;
    if (outputDeviceId && audio.setSinkId) await audio.setSinkId(outputDeviceId).catch(() => undefined);
    await audio.play().catch(() => undefined);
    window.setTimeout(() => {
      audio.pause();
      void context.close();
      setPlaying(false);
    }, 900);
  }

  return (
    <div className="speaker-test">
      <button type="button" className="secondary" onClick={() => void play()} disabled={playing}>
        {t('precheck.playSound')}
      </button>
      <span role="group" aria-label={t('precheck.didYouHear')}>
        {t('precheck.didYouHear')}{' '}
        <button type="button" className="link" aria-pressed={heard === true} onClick={() => setHeard(true)}>
          {t('common.yes')}
        </button>{' '}
        <button type="button" className="link" aria-pressed={heard === false} onClick={() => setHeard(false)}>
          {t('common.no')}
        </button>
      </span>
      {heard === false && <p className="hint">{t('precheck.speakerHint')}</p>}
    </div>
  );
}
