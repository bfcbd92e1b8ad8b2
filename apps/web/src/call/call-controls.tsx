import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DevicePickers } from './device-pickers';
import { SignalRequestError } from './signal';
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
      {canEnd && <EndButton session={session} />}
    </div>
  );
}

type EndStep = 'idle' | 'confirming' | 'ending' | 'not_started' | 'failed';

/**
 * "End consultation" for everyone, after a confirmation. The SFU refuses while nobody has been
 * admitted (`not_started`): the consultation is then recorded when its window closes.
 */
function EndButton({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<EndStep>('idle');

  async function end() {
    setStep('ending');
    try {
      await session.endForEveryone();
      setStep('idle');
    } catch (error) {
      const refused = error instanceof SignalRequestError && error.code === 'not_started';
      setStep(refused ? 'not_started' : 'failed');
    }
  }

  if (step === 'confirming' || step === 'ending')
    return (
      <span className="end-confirm" role="group" aria-label={t('call.endConfirm')}>
        <span>{t('call.endConfirm')}</span>
        <button
          type="button"
          className="danger"
          data-testid="confirm-end"
          disabled={step === 'ending'}
          onClick={() => void end()}
        >
          {t('call.endConfirmYes')}
        </button>
        <button type="button" className="secondary" onClick={() => setStep('idle')}>
          {t('call.endConfirmNo')}
        </button>
      </span>
    );
  return (
    <>
      <button type="button" className="danger" data-testid="end-call" onClick={() => setStep('confirming')}>
        {t('call.end')}
      </button>
      {step === 'not_started' && (
        <p className="notice" role="alert" data-testid="end-not-started">
          {t('call.endNotStarted')}
        </p>
      )}
      {step === 'failed' && (
        <p className="error" role="alert">
          {t('call.endFailed')}
        </p>
      )}
    </>
  );
}
