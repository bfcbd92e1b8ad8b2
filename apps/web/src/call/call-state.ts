import type { ChatMessage, ParticipantInfo, SignalErrorCode } from '@yiqiao/contracts/sfu';
import type { JoinRefusal } from '../time/join-window';

// What a call looks like to the person in it: the state `CallSession` publishes to the UI.

export type CallPhase =
  | 'connecting'
  | 'waiting'
  | 'in_call'
  | 'reconnecting'
  | 'declined'
  | 'removed'
  | 'withdrawn'
  | 'ended'
  /** the consultation's join window closed: the room was ended for everyone */
  | 'time_over'
  | 'left'
  | 'failed';

/** Phases after which the person is out of the call (the page shows where to go next). */
export const FINAL_PHASES: readonly CallPhase[] = [
  'declined',
  'removed',
  'withdrawn',
  'ended',
  'time_over',
  'left',
  'failed',
];

export interface RemoteMedia {
  userId: string;
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
  videoConsumerId?: string;
}

/** Staff asked the SFU to mute someone and it refused (the person left, no permission, …). */
export interface MuteRefusal {
  userId: string;
  code: SignalErrorCode | 'timeout';
}

export interface CallState {
  phase: CallPhase;
  self: ParticipantInfo | null;
  participants: ParticipantInfo[];
  remote: RemoteMedia[];
  chat: ChatMessage[];
  activeSpeaker: string | null;
  micMuted: boolean;
  cameraOff: boolean;
  /** name of the staff member who muted our microphone, until we dismiss the notice or unmute */
  mutedBy: string | null;
  muteRefusal: MuteRefusal | null;
  /** the api would not let us in (window not open yet, closed, consultation over) */
  joinRefusal: JoinRefusal | null;
  error: string | null;
}

export const INITIAL_CALL_STATE: CallState = {
  phase: 'connecting',
  self: null,
  participants: [],
  remote: [],
  chat: [],
  activeSpeaker: null,
  micMuted: false,
  cameraOff: false,
  mutedBy: null,
  muteRefusal: null,
  joinRefusal: null,
  error: null,
};
