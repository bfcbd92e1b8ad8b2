import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DevicePickers } from './device-pickers';
import { useDeviceList, type DevicePrefs } from './devices';
import type { CallSession } from './call-session';
import type { CallState } from './call-state';

export function CallControls({
  state,
  session,
  prefs,
  onPrefs,
  canEnd,
}: {
  state: CallState;
  session: CallSession;
  prefs: DevicePrefs;
  onPrefs(prefs: DevicePrefs): void;
  canEnd: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const devices = useDeviceList(state.phase);
  const inCall = state.phase === 'in_call';
  return (
    <div className="call-controls" role="toolbar" aria-label={t('call.controls')}>
      <button
        type="button"
        aria-pressed={state.micMuted}
        disabled={!inCall}
        onClick={() => void session.setMicMuted(!state.micMuted)}
      >
        {state.micMuted ? t('call.unmute') : t('call.mute')}
      </button>
      <button
        type="button"
        aria-pressed={state.cameraOff}
        disabled={!inCall}
        onClick={() => void session.setCameraOff(!state.cameraOff)}
      >
        {state.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
      </button>
      <details className="devices">
        <summary>{t('call.devices')}</summary>
        <DevicePickers devices={devices} prefs={prefs} onChange={onPrefs} />
      </details>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          session.leave();
          void navigate('/consultations');
        }}
      >
        {t('call.leave')}
      </button>
      {canEnd && (
        <button
          type="button"
          className="danger"
          data-testid="end-call"
          onClick={() => void session.endForEveryone()}
        >
          {t('call.end')}
        </button>
      )}
    </div>
  );
}
