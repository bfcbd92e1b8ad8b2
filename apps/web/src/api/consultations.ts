import type { ConsultationStatus } from '@yiqiao/domain/consultation-status';
import { get, post, query } from './client';
import { itemsOf, type BookedConsultation, type Consultation, type PageOf, type SlotSearch } from './types';

export async function listConsultations(
  params: { from?: string; to?: string; status?: ConsultationStatus } = {},
): Promise<Consultation[]> {
  return itemsOf(await get<Consultation[] | PageOf<Consultation>>(`/consultations${query(params)}`));
}

export function getConsultation(id: string): Promise<Consultation> {
  return get<Consultation>(`/consultations/${encodeURIComponent(id)}`);
}

export function searchSlots(params: {
  specialistId?: string;
  departmentId?: string;
  patientId?: string;
  from: string;
  to: string;
}): Promise<SlotSearch> {
  return get<SlotSearch>(`/slots${query(params)}`);
}

export function cancelConsultation(id: string, reason: string): Promise<Consultation> {
  return post<Consultation>(`/consultations/${encodeURIComponent(id)}/cancel`, { reason });
}

export function rescheduleConsultation(id: string, startsAt: string, reason: string): Promise<Consultation> {
  return post<Consultation>(`/consultations/${encodeURIComponent(id)}/reschedule`, { startsAt, reason });
}

/** Coordinators give `patientId`; patients book for themselves and leave it out. */
export function bookConsultation(body: {
  patientId?: string;
  specialistId: string;
  departmentId?: string | null;
  startsAt: string;
  interpreterId?: string;
  requestId?: string;
}): Promise<BookedConsultation> {
  return post<BookedConsultation>('/consultations', body);
}

/** Coordinator: opens the room now, before the usual lead time, for a recorded reason. */
export function startConsultationNow(id: string, reason: string): Promise<Consultation> {
  return post<Consultation>(`/consultations/${encodeURIComponent(id)}/start-now`, { reason });
}
