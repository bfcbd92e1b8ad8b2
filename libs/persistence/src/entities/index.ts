import { AuditEvent } from './audit-event.entity';
import { Booking } from './booking.entity';
import { Consent } from './consent.entity';
import { Consultation } from './consultation.entity';
import { ConsultationRequest } from './consultation-request.entity';
import { Department } from './department.entity';
import { Institution } from './institution.entity';
import {
  InterpreterLanguagePair,
  InterpreterProfile,
  InterpreterSpecialty,
} from './interpreter-profile.entity';
import { SpecialistDepartment, SpecialistProfile } from './specialist-profile.entity';
import { User } from './user.entity';

export * from './audit-event.entity';
export * from './booking.entity';
export * from './consent.entity';
export * from './consultation.entity';
export * from './consultation-request.entity';
export * from './department.entity';
export * from './institution.entity';
export * from './interpreter-profile.entity';
export * from './specialist-profile.entity';
export * from './user.entity';

/** Every entity the data source knows. Add new entities here. */
export const ENTITIES = [
  AuditEvent,
  Booking,
  Consent,
  Consultation,
  ConsultationRequest,
  Department,
  Institution,
  InterpreterLanguagePair,
  InterpreterProfile,
  InterpreterSpecialty,
  SpecialistDepartment,
  SpecialistProfile,
  User,
];
