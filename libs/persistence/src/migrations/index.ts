import { CoreSchema1763800000000 } from './1763800000000-core-schema';
import { RefreshTokens1763810000000 } from './1763810000000-refresh-tokens';
import { RequestDecisions1763810001000 } from './1763810001000-request-decisions';
import { Scheduling1763820000000 } from './1763820000000-scheduling';
import { Holidays20261763820000001 } from './1763820000001-holidays-2026';
import { Notifications1763830000000 } from './1763830000000-notifications';
import { InterpreterAssignment1763840000000 } from './1763840000000-interpreter-assignment';
import { VideoRoomRecords1763850000000 } from './1763850000000-video-room-records';
import { ConsultationNotes1763860000000 } from './1763860000000-consultation-notes';
import { RequestDocuments1763870000000 } from './1763870000000-request-documents';
import { ConsultationGuests1763880000000 } from './1763880000000-consultation-guests';
import { ConsultationTimeRules1764800000000 } from './1764800000000-consultation-time-rules';
import { BookingHorizon1764900000000 } from './1764900000000-booking-horizon';

/** Every migration, in order. Add new timestamped files here. */
export const MIGRATIONS = [
  CoreSchema1763800000000,
  RefreshTokens1763810000000,
  RequestDecisions1763810001000,
  Scheduling1763820000000,
  Holidays20261763820000001,
  Notifications1763830000000,
  InterpreterAssignment1763840000000,
  VideoRoomRecords1763850000000,
  ConsultationNotes1763860000000,
  RequestDocuments1763870000000,
  ConsultationGuests1763880000000,
  ConsultationTimeRules1764800000000,
  BookingHorizon1764900000000,
];
