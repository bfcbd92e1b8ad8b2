import type { RoomEndReason } from './control';
import type { types as ms } from 'mediasoup-client';
import type { CallRole, IceServer } from './join-token';
import type { RemovalReason } from './control';

/** socket.io namespace of the signalling server; the handshake carries `auth: { token }`. */
export const SFU_NAMESPACE = '/sfu';

/** Client → server requests; each is acknowledged with an `Ack<…>`. */
export const ClientEvent = {
  Join: 'room:join',
  CreateTransport: 'transport:create',
  ConnectTransport: 'transport:connect',
  RestartIce: 'transport:restartIce',
  Produce: 'producer:create',
  PauseProducer: 'producer:pause',
  ResumeProducer: 'producer:resume',
  CloseProducer: 'producer:close',
  Consume: 'consumer:create',
  ResumeConsumer: 'consumer:resume',
  SetConsumerView: 'consumer:setView',
  Admit: 'waiting:admit',
  Decline: 'waiting:decline',
  RemoveParticipant: 'participant:remove',
  /** staff silence someone's microphone; they may unmute themselves (producer:resume) */
  MuteParticipant: 'participant:mute',
  EndRoom: 'room:end',
  SendChat: 'chat:send',
  ReportQuality: 'quality:report',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Server → client notifications. */
export const ServerEvent = {
  WaitingJoined: 'waiting:joined',
  WaitingLeft: 'waiting:left',
  Admitted: 'room:admitted',
  Declined: 'room:declined',
  Removed: 'room:removed',
  Ended: 'room:ended',
  /** the media server restarted the room: run the join flow again (status is kept) */
  Rejoin: 'room:rejoin',
  ParticipantJoined: 'participant:joined',
  ParticipantLeft: 'participant:left',
  ParticipantUpdated: 'participant:updated',
  /** to the person whose microphone staff muted: the SFU paused their mic producer */
  MutedByStaff: 'participant:muted',
  NewProducer: 'producer:new',
  ProducerClosed: 'producer:closed',
  ConsumerClosed: 'consumer:closed',
  ActiveSpeaker: 'activeSpeaker',
  ChatMessage: 'chat:message',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];

export type ParticipantStatus = 'waiting' | 'in_call';
export type MediaSource = 'mic' | 'camera' | 'screen';
export type ConnectionQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface ParticipantInfo {
  userId: string;
  displayName: string;
  role: CallRole;
  status: ParticipantStatus;
  audioMuted: boolean;
  videoMuted: boolean;
  quality: ConnectionQuality;
}

export interface ProducerInfo {
  producerId: string;
  userId: string;
  kind: ms.MediaKind;
  source: MediaSource;
  paused: boolean;
}

// ---- request payloads and ack data ----
export type JoinRequest = Record<string, never>;
export interface JoinResult {
  self: ParticipantInfo;
  routerRtpCapabilities: ms.RtpCapabilities;
  participants: ParticipantInfo[];
  /** producers the caller may consume (empty while waiting) */
  producers: ProducerInfo[];
  iceServers: IceServer[];
}

export interface CreateTransportRequest {
  direction: 'send' | 'recv';
}
export interface TransportOptions {
  id: string;
  iceParameters: ms.IceParameters;
  iceCandidates: ms.IceCandidate[];
  dtlsParameters: ms.DtlsParameters;
}
export interface ConnectTransportRequest {
  transportId: string;
  dtlsParameters: ms.DtlsParameters;
}
export interface RestartIceRequest {
  transportId: string;
}
export interface RestartIceResult {
  iceParameters: ms.IceParameters;
}
export interface ProduceRequest {
  transportId: string;
  kind: ms.MediaKind;
  rtpParameters: ms.RtpParameters;
  source: MediaSource;
}
export interface ProduceResult {
  producerId: string;
}
export interface ProducerRequest {
  producerId: string;
}
export interface ConsumeRequest {
  transportId: string;
  producerId: string;
  rtpCapabilities: ms.RtpCapabilities;
}
export interface ConsumeResult {
  consumerId: string;
  producerId: string;
  userId: string;
  kind: ms.MediaKind;
  rtpParameters: ms.RtpParameters;
}
export interface ConsumerRequest {
  consumerId: string;
}
/** What the receiver shows: invisible video is paused, big tiles and the active speaker get a high layer. */
export interface ConsumerViewRequest {
  consumerId: string;
  visible: boolean;
  /** rendered tile size in CSS pixels */
  width: number;
  height: number;
}
export interface TargetUserRequest {
  userId: string;
}
export type MuteParticipantRequest = TargetUserRequest;
export interface MuteParticipantResult {
  /** the person's state after the mute (audioMuted is true) */
  participant: ParticipantInfo;
}
export interface ChatRequest {
  body: string;
}
export interface QualityReport {
  quality: ConnectionQuality;
}
export type Empty = Record<string, never>;

// ---- notification payloads ----
export interface ChatMessage {
  messageId: string;
  userId: string;
  displayName: string;
  role: CallRole;
  body: string;
  sentAt: string;
}
export interface ActiveSpeakerNotice {
  userId: string | null;
}
export interface RejoinNotice {
  reason: string;
}
export interface RemovedNotice {
  /** display name of the staff member who removed them; absent when the system did */
  by?: string;
  reason?: RemovalReason;
}
export interface MutedByStaffNotice {
  /** display name of the staff member who muted */
  by: string;
}
export interface EndedNotice {
  /** display name of the specialist who ended it; null when the join window closed */
  endedBy: string | null;
  reason?: RoomEndReason;
}
export interface ProducerClosedNotice {
  producerId: string;
}
export interface ConsumerClosedNotice {
  consumerId: string;
}
export interface ParticipantLeftNotice {
  userId: string;
}
