import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DevicePickers } from './device-pickers';
import { loadDevicePrefs, saveDevicePrefs, useDeviceList, useLocalMedia, type DevicePrefs } from './devices';
import { MicMeter } from './mic-meter';
import { NetworkCheck } from './network-check';
import { SpeakerTest } from './speaker-test';
import { VideoView } from './video-view';

/** Before the call: camera preview, microphone level, speaker test and a network check against the SFU. */
export function PrecheckPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [prefs, setPrefs] = useState<DevicePrefs>(loadDevicePrefs);
  const { stream, error } = useLocalMedia(prefs);
  const devices = useDeviceList(stream);
  const [networkOk, setNetworkOk] = useState<boolean | null>(null);
  const onNetwork = useCallback((ok: boolean) => setNetworkOk(ok), []);
  const cameraOk = Boolean(stream?.getVideoTracks().length);

  function choose(next: DevicePrefs) {
    saveDevicePrefs(next);
    setPrefs(next);
  }

  return (
    <section className="precheck">
      <h1>{t('precheck.title')}</h1>
      <p>{t('precheck.intro')}</p>
      <div className="precheck-grid">
        <div className="preview">
          {error ? (
            <p className="error" role="alert">
              {t('precheck.cameraError', { reason: error })}
            </p>
          ) : (
            <VideoView stream={stream} mirrored label={t('precheck.preview')} />
          )}
        </div>
        <div className="checks">
          <DevicePickers devices={devices} prefs={prefs} onChange={choose} />
          <MicMeter stream={stream} />
          <SpeakerTest outputDeviceId={prefs.audioOutput} />
          <NetworkCheck consultationId={id} onResult={onNetwork} />
          <ul className="checklist" aria-label={t('precheck.summary')}>
            <li data-ok={cameraOk}>{cameraOk ? t('precheck.cameraOk') : t('precheck.cameraPending')}</li>
            <li data-ok={networkOk === true}>
              {networkOk === null
                ? t('precheck.networkChecking')
                : networkOk
                  ? t('precheck.networkReady')
                  : t('precheck.networkProblem')}
            </li>
          </ul>
          <button
            type="button"
            data-testid="continue-to-call"
            disabled={!cameraOk || networkOk === null}
            onClick={() => void navigate(`/consultations/${id}/call`)}
          >
            {t('precheck.continue')}
          </button>
          <Link to="/consultations">{t('common.back')}</Link>
        </div>
      </div>
    </section>
  );
}
