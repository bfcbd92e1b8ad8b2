import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { JoinResponse } from '@yiqiao/contracts/sfu';
import { getConsultation } from '../api/consultations';
import { useUser } from '../auth/auth-context';
import { Show, useLoad } from '../components/async';
import { InsideJoinWindow, JoinRefusalNotice } from '../components/join-action';
import { usePolling } from '../components/use-polling';
import { JOINABLE_STATUSES, windowFor, type JoinRefusal } from '../time/join-window';
import { DevicePickers } from './device-pickers';
import { loadDevicePrefs, saveDevicePrefs, useDeviceList, useLocalMedia, type DevicePrefs } from './devices';
import { fetchJoin } from './join-api';
import { MicMeter } from './mic-meter';
import { NetworkCheck } from './network-check';
import { SpeakerTest } from './speaker-test';
import { VideoView } from './video-view';

/** The signed-in participant's check before the call. */
export function PrecheckPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const user = useUser();
  const join = useCallback(() => fetchJoin(id), [id]);
  // the window may open early (a coordinator's "start now"): look again now and then
  const loaded = useLoad(() => getConsultation(id), [id]);
  usePolling(loaded.reload, 15_000);
  const back = <Link to="/consultations">{t('common.back')}</Link>;
  return (
    <Show loaded={loaded}>
      {(c) =>
        JOINABLE_STATUSES.includes(c.status) ? (
          <InsideJoinWindow window={windowFor(c, user.role)}>
            <DeviceCheck
              consultationId={id}
              fetchJoin={join}
              onContinue={() => void navigate(`/consultations/${id}/call`)}
              footer={back}
            />
          </InsideJoinWindow>
        ) : (
          <section className="card narrow">
            <JoinRefusalNotice refusal={{ code: 'not_joinable', opensAt: null, closesAt: null }} />
            <p>{back}</p>
          </section>
        )
      }
    </Show>
  );
}

/**
 * Before the call: camera preview, microphone level, speaker test and a network check against the SFU,
 * for anyone who can get a join token (signed-in participants and invited guests alike).
 */
export function DeviceCheck({
  consultationId,
  fetchJoin,
  onContinue,
  footer,
}: {
  consultationId: string;
  fetchJoin: () => Promise<JoinResponse>;
  onContinue(): void;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<DevicePrefs>(loadDevicePrefs);
  const { stream, error } = useLocalMedia(prefs);
  const devices = useDeviceList(stream);
  const [networkOk, setNetworkOk] = useState<boolean | null>(null);
  const [refusal, setRefusal] = useState<JoinRefusal | null>(null);
  const onNetwork = useCallback((ok: boolean, refused: JoinRefusal | null) => {
    setNetworkOk(ok);
    setRefusal(refused);
  }, []);
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
          <NetworkCheck consultationId={consultationId} fetchJoin={fetchJoin} onResult={onNetwork} />
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
          {refusal ? (
            <JoinRefusalNotice refusal={refusal} />
          ) : (
            <button
              type="button"
              data-testid="continue-to-call"
              disabled={!cameraOk || networkOk === null}
              onClick={onContinue}
            >
              {t('precheck.continue')}
            </button>
          )}
          {footer}
        </div>
      </div>
    </section>
  );
}
