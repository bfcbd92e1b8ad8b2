import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ADMITTING_ROLES, ENDING_ROLES, type JoinResponse } from '@yiqiao/contracts/sfu';
import { getConsultation } from '../api/consultations';
import { useUser } from '../auth/auth-context';
import { useLoad } from '../components/async';
import { TwoClocks } from '../components/two-clocks';
import type { JoinRefusal } from '../time/join-window';
import { GUEST_INVITING_ROLES } from '../pages/guests/guest-rules';
import { playWaitingChime } from './alert-sound';
import { CallControls } from './call-controls';
import { CallOutcome } from './call-outcome';
import { FINAL_PHASES, type CallPhase } from './call-state';
import { ChatPanel } from './chat-panel';
import { loadDevicePrefs, saveDevicePrefs, useLocalMedia, type DevicePrefs } from './devices';
import { MutedNotice } from './muted-notice';
import { fetchJoin } from './join-api';
import { ParticipantsPanel } from './participants-panel';
import { RemoteTile } from './remote-tile';
import { useCallSession } from './use-call-session';
import { VideoView } from './video-view';

/** The signed-in participant's waiting room and call. */
export function CallPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { id = '' } = useParams();
  const join = useCallback(() => fetchJoin(id), [id]);
  // for the waiting room's "starts at"; the call does not wait for it
  const consultation = useLoad(() => getConsultation(id), [id]);
  return (
    <CallView
      consultationId={id}
      fetchJoin={join}
      timeZone={user.timeZone}
      startsAt={consultation.data?.time.startsAt}
      otherZone={consultation.data?.patient.timeZone}
      outcome={(phase, error, refusal) => (
        <CallOutcome phase={phase} error={error} refusal={refusal} consultationId={id} role={user.role} />
      )}
      aside={
        GUEST_INVITING_ROLES.includes(user.role) && (
          // rel=opener: the new tab gets a copy of this tab's sign-in (sessionStorage)
          <p className="invite-guest">
            <Link to={`/consultations/${id}/guests`} target="_blank" rel="opener" data-testid="invite-guest">
              {t('guests.inviteFromCall')}
            </Link>
          </p>
        )
      }
    />
  );
}

/** The waiting room and the call itself, for whoever `fetchJoin` lets in: a signed-in user or a guest. */
export function CallView({
  consultationId: id,
  fetchJoin,
  timeZone,
  startsAt,
  otherZone,
  outcome,
  aside,
}: {
  consultationId: string;
  fetchJoin: () => Promise<JoinResponse>;
  /** chat times are shown in this zone */
  timeZone: string;
  /** the consultation's start, told in the waiting room (in both clocks) once known */
  startsAt?: string;
  /** the second clock beside the viewer's own (the patient's zone for staff); Shanghai by default */
  otherZone?: string;
  /** what the person sees once they are out of the call */
  outcome(phase: CallPhase, error: string | null, refusal: JoinRefusal | null): ReactNode;
  /** shown under the participants */
  aside?: ReactNode;
}) {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<DevicePrefs>(loadDevicePrefs);
  const { stream, error: mediaError } = useLocalMedia(prefs);
  const alert = useCallback(() => playWaitingChime(), []);
  const { session, state } = useCallSession(id, fetchJoin, stream, alert);

  const choose = useCallback((next: DevicePrefs) => {
    saveDevicePrefs(next);
    setPrefs(next);
  }, []);

  if (mediaError)
    return (
      <p className="error" role="alert">
        {t('precheck.cameraError', { reason: mediaError })}
      </p>
    );
  if (!state || !session)
    return (
      <p role="status" data-phase="connecting">
        {t('call.connecting')}
      </p>
    );

  const phase = state.phase;
  if (FINAL_PHASES.includes(phase)) return outcome(phase, state.error, state.joinRefusal);

  const role = state.self?.role;
  const isStaff = role !== undefined && ADMITTING_ROLES.includes(role);
  const canEnd = role !== undefined && ENDING_ROLES.includes(role);
  const waitingPeople = state.participants.filter((p) => p.status === 'waiting');

  return (
    <section className="call" data-phase={phase} data-testid="call">
      <p className={`call-status phase-${phase}`} role="status" aria-live="polite" data-testid="call-status">
        {t(`call.phase.${phase}`)}
      </p>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state.mutedBy && <MutedNotice by={state.mutedBy} onDismiss={() => session.dismissMutedNotice()} />}
      {isStaff && waitingPeople.length > 0 && (
        <div className="waiting-alert" role="alert" data-testid="waiting-alert">
          {waitingPeople.map((p) => (
            <div key={p.userId} className="waiting-person">
              <span>{t('call.isWaiting', { name: p.displayName })}</span>
              <button type="button" data-testid="admit" onClick={() => void session.admit(p.userId)}>
                {t('call.admit')}
              </button>
              <button type="button" className="secondary" onClick={() => void session.decline(p.userId)}>
                {t('call.decline')}
              </button>
            </div>
          ))}
        </div>
      )}
      {phase === 'waiting' && (
        <div className="waiting-room" data-testid="waiting-room">
          <h1>{t('call.waitingTitle')}</h1>
          {startsAt && (
            <p className="waiting-starts" data-testid="waiting-starts-at">
              {t('call.startsAt')} <TwoClocks iso={startsAt} otherZone={otherZone} />
            </p>
          )}
          <p>{t('call.waitingBody')}</p>
        </div>
      )}
      <div className="call-layout">
        <div className="tiles" data-count={state.remote.length + 1}>
          <figure className="tile self">
            <VideoView stream={stream} mirrored label={t('call.yourVideo')} />
            <figcaption>{t('call.you')}</figcaption>
          </figure>
          {state.remote.map((media) => (
            <RemoteTile
              key={media.userId}
              media={media}
              participant={state.participants.find((p) => p.userId === media.userId)}
              session={session}
              speaking={state.activeSpeaker === media.userId}
              sinkId={prefs.audioOutput}
            />
          ))}
        </div>
        <aside className="side">
          <ParticipantsPanel
            self={state.self}
            participants={state.participants}
            local={{ micMuted: state.micMuted, cameraOff: state.cameraOff }}
            moderation={
              isStaff
                ? { mute: (userId) => void session.muteParticipant(userId), refusal: state.muteRefusal }
                : undefined
            }
          />
          {aside}
          {phase !== 'waiting' && (
            <ChatPanel
              messages={state.chat}
              selfId={state.self?.userId ?? ''}
              zone={timeZone}
              onSend={(body) => session.sendChat(body)}
            />
          )}
        </aside>
      </div>
      <CallControls state={state} session={session} prefs={prefs} onPrefs={choose} canEnd={canEnd} />
    </section>
  );
}
