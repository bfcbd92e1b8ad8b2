import type { ConsultationStatus, EndCause, NoShowParty } from '@yiqiao/domain/consultation-status';
import type { Locale } from '@yiqiao/domain/locales';
import type { Role } from '@yiqiao/domain/roles';

/** Shapes of the api's JSON answers the UI reads (see the api's /docs/openapi.json). */
export interface User {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  institutionId: string | null;
  preferredLanguage: Locale;
  timeZone: string;
  spokenLanguages: string[];
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export interface PersonRef {
  id: string;
  fullName: string;
}

export interface Consultation {
  id: string;
  status: ConsultationStatus;
  institutionId: string;
  departmentId: string;
  requestId: string | null;
  specialist: PersonRef;
  patient: PersonRef & { timeZone: string };
  interpreter: PersonRef | null;
  /** patient and specialist share no spoken language */
  interpreterRequired: boolean;
  time: { startsAt: string; endsAt: string; shanghai: ZonedSpan; patient: ZonedSpan };
  cancelReason: string | null;
  /** when each side may join; after a coordinator's "start now" both open-at instants are that moment */
  joinWindow: JoinWindow;
  openedEarly: OpenedEarly | null;
  /** who did not come, when the status is no_show */
  noShowParty: NoShowParty | null;
  endCause: EndCause | null;
  version: number;
}

/** ISO UTC instants: patients, guests and interpreters from `participantsOpenAt`, staff from `staffOpenAt`. */
export interface JoinWindow {
  participantsOpenAt: string;
  staffOpenAt: string;
  closesAt: string;
}

/** A coordinator opened the room before the usual lead time ("start now"). */
export interface OpenedEarly {
  at: string;
  byName: string;
  reason: string;
}

/** The api's answer to a coordinator's booking: warnings (e.g. inside the interpreter cut-off) ride along. */
export type BookedConsultation = Consultation & { warnings?: BookingWarning[] };

export interface BookingWarning {
  code: 'inside_interpreter_cutoff' | string;
  cutoffMinutes?: number;
  message: string;
}

export interface ZonedSpan {
  zone: string;
  start: string;
  end: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  shanghai: ZonedSpan;
  patient: ZonedSpan | null;
  specialistId: string;
  specialistName: string;
  departmentId: string | null;
  durationMinutes: number;
  calendarConfirmed: boolean;
}

export interface SlotSearch {
  slots: Slot[];
  calendarMissingYears: number[];
}

export interface Department {
  id: string;
  name: string;
  nameZh?: string | null;
  specialty: string;
  institutionId: string;
  institutionName?: string;
}

export interface ConsultationRequest {
  id: string;
  patientId: string;
  patientName: string;
  institutionId: string;
  departmentId: string | null;
  preferredSpecialistId: string | null;
  complaint: string;
  spokenLanguages: string[];
  country: string;
  timeZone: string;
  urgency: 'routine' | 'soon' | 'urgent';
  status: 'new' | 'triaged' | 'scheduled' | 'declined' | 'withdrawn';
  createdAt: string;
  closedReason?: string | null;
}

/** An in-app inbox entry, already rendered in the reader's language. */
export interface NotificationItem {
  id: string;
  kind: string;
  consultationId: string | null;
  title: string;
  body: string[];
  link: string | null;
  dir: 'ltr' | 'rtl';
  sentAt: string;
  readAt: string | null;
}

export interface InterpreterOffer {
  id: string;
  consultationId: string;
  state: 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | string;
  offeredAt: string;
  deadline: string;
  answeredAt: string | null;
  startsAt: string;
  endsAt: string;
  patientLanguage: string | null;
  specialistLanguage: string | null;
  department: string;
  specialty: string;
}

export interface InterpreterCandidate {
  interpreterId: string;
  name: string;
  rank: number;
  withinWorkingHours: boolean;
}

export interface WeeklyRule {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Asia/Shanghai wall clock */
  startLocal: string;
  endLocal: string;
  effectiveFrom: string;
  effectiveUntil?: string;
  departmentId?: string;
}

export interface AvailabilityException {
  id: string;
  kind: 'time_off' | 'extra_session';
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

export interface Availability {
  specialistId: string;
  zone: string;
  rules: WeeklyRule[];
  exceptions: AvailabilityException[];
}

export interface ChannelStatus {
  channel: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface DeliveryStatus {
  id: string;
  kind: string;
  recipient: { id: string; name: string; role: string };
  dueAt: string;
  state: string;
  failureReason: string | null;
  channels: ChannelStatus[];
}

export interface BoardConsultation {
  id: string;
  status: ConsultationStatus;
  /** who did not come, when the api tells it (status no_show) */
  noShowParty?: NoShowParty | null;
  patientName: string;
  interpreterRequired: boolean;
  interpreterName: string | null;
  shanghai: ZonedSpan;
  patient: ZonedSpan;
}

export interface Board {
  from: string;
  to: string;
  specialists: { id: string; fullName: string; consultations: BoardConsultation[]; free: ZonedSpan[] }[];
}

export interface Specialist {
  id: string;
  fullName: string;
  title: string;
  institutionId: string;
  departmentIds: string[];
}

export interface PageOf<T> {
  items: T[];
  total?: number;
}

export interface MyConsents {
  active: ('health_data' | 'cross_border_transfer')[];
  missing: ('health_data' | 'cross_border_transfer')[];
}

/** Lists come either as arrays or as `{ items }`; accept both so the UI follows the api. */
export function itemsOf<T>(body: T[] | PageOf<T> | { data: T[] }): T[] {
  if (Array.isArray(body)) return body;
  if ('items' in body) return body.items;
  return body.data;
}

export type GuestEmailStatus = 'none' | 'pending' | 'sent' | 'failed';

/** A family member invited to a consultation's call (`inviteUrl` is null once withdrawn). */
export interface GuestView {
  id: string;
  name: string;
  email: string | null;
  language: Locale;
  timeZone: string;
  relationship: string | null;
  invitedBy: { id: string; name: string; role: Role };
  createdAt: string;
  revokedAt: string | null;
  lastJoinedAt: string | null;
  inviteUrl: string | null;
  emailStatus: GuestEmailStatus;
}

export interface GuestInvitationInput {
  name: string;
  email?: string;
  language?: Locale;
  timeZone?: string;
  relationship?: string;
}

/** What the public invitation link shows a guest before they join (no sign-in). */
export interface GuestInvitation {
  guest: { name: string; language: Locale; timeZone: string };
  consultation: {
    id: string;
    status: ConsultationStatus;
    startsAt: string;
    endsAt: string;
    specialistName: string;
    departmentName: string;
    departmentNameZh: string | null;
    institutionName: string;
    institutionNameZh: string | null;
  };
  joinable: boolean;
  /** when the guest may join (ISO UTC instants) */
  joinWindow: { opensAt: string; closesAt: string };
}
