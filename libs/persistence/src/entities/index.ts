import { AuditEvent } from './audit-event.entity';
import { AvailabilityExceptionRow, AvailabilityRule } from './availability.entity';
import { HolidayCalendarDay, HolidayCalendarYear } from './holiday-calendar.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Booking } from './booking.entity';
import { Consent } from './consent.entity';
import { Consultation } from './consultation.entity';
import { ConsultationRequest } from './consultation-request.entity';
import { ConsultationChatMessage } from './consultation-chat-message.entity';
import { ConsultationRoomEvent } from './consultation-room-event.entity';
import { Department } from './department.entity';
import { Institution } from './institution.entity';
import { RefreshToken } from './refresh-token.entity';
import {
  InterpreterLanguagePair,
  InterpreterProfile,
  InterpreterSpecialty,
} from './interpreter-profile.entity';
import { SpecialistDepartment, SpecialistProfile } from './specialist-profile.entity';
import { User } from './user.entity';

export * from './audit-event.entity';
export * from './availability.entity';
export * from './holiday-calendar.entity';
export * from './idempotency-key.entity';
export * from './booking.entity';
export * from './consent.entity';
export * from './consultation.entity';
export * from './consultation-request.entity';
export * from './consultation-chat-message.entity';
export * from './consultation-room-event.entity';
export * from './department.entity';
export * from './institution.entity';
export * from './refresh-token.entity';
export * from './interpreter-profile.entity';
export * from './specialist-profile.entity';
export * from './user.entity';

/** Every entity the data source knows. Add new entities here. */
export const ENTITIES = [
  AuditEvent,
  AvailabilityExceptionRow,
  AvailabilityRule,
  HolidayCalendarDay,
  HolidayCalendarYear,
  IdempotencyKey,
  Booking,
  Consent,
  Consultation,
  ConsultationRequest,
  ConsultationChatMessage,
  ConsultationRoomEvent,
  Department,
  Institution,
  InterpreterLanguagePair,
  InterpreterProfile,
  InterpreterSpecialty,
  RefreshToken,
  SpecialistDepartment,
  SpecialistProfile,
  User,
];
