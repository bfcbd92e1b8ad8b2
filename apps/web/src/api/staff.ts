import { del, get, post, put, query } from './client';
import type {
  Availability,
  AvailabilityException,
  Board,
  ConsultationRequest,
  DeliveryStatus,
  InterpreterCandidate,
  InterpreterOffer,
  NotificationItem,
  PageOf,
  Specialist,
  WeeklyRule,
} from './types';
import { itemsOf } from './types';

const id = encodeURIComponent;

export const availability = {
  get: (specialistId: string) => get<Availability>(`/specialists/${id(specialistId)}/availability`),
  saveRules: (specialistId: string, rules: WeeklyRule[]) =>
    put<Availability>(`/specialists/${id(specialistId)}/availability/rules`, { rules }),
  addException: (
    specialistId: string,
    exception: Omit<AvailabilityException, 'id' | 'reason'> & { reason?: string },
  ) => post<AvailabilityException>(`/specialists/${id(specialistId)}/availability/exceptions`, exception),
  removeException: (specialistId: string, exceptionId: string) =>
    del<void>(`/specialists/${id(specialistId)}/availability/exceptions/${id(exceptionId)}`),
};

export const offers = {
  mine: () => get<InterpreterOffer[]>('/interpreters/me/offers'),
  accept: (offerId: string) => post(`/interpreters/me/offers/${id(offerId)}/accept`),
  decline: (offerId: string, reason: string) =>
    post(`/interpreters/me/offers/${id(offerId)}/decline`, reason ? { reason } : {}),
};

export const requests = {
  async inbox(status: string): Promise<ConsultationRequest[]> {
    return itemsOf(
      await get<ConsultationRequest[] | PageOf<ConsultationRequest>>(
        `/consultation-requests${query({ status, sort: 'urgency' })}`,
      ),
    );
  },
  triage: (requestId: string, body: { departmentId: string; specialistId?: string }) =>
    post(`/consultation-requests/${id(requestId)}/triage`, body),
  decline: (requestId: string, reason: string) =>
    post(`/consultation-requests/${id(requestId)}/decline`, { reason }),
};

export const interpreterAssignment = {
  candidates: (consultationId: string) =>
    get<InterpreterCandidate[]>(`/interpreter-assignments/${id(consultationId)}/candidates`),
  assign: (consultationId: string, interpreterId: string) =>
    put<void>(`/interpreter-assignments/${id(consultationId)}/interpreter`, { interpreterId }),
};

export async function deliveryStatus(consultationId: string): Promise<DeliveryStatus[]> {
  const body = await get<{ notifications: DeliveryStatus[] }>(
    `/consultations/${id(consultationId)}/notifications`,
  );
  return body.notifications;
}

export const inbox = {
  async mine(): Promise<NotificationItem[]> {
    return (await get<{ items: NotificationItem[] }>('/me/notifications')).items;
  },
  markRead: (notificationId: string) => post(`/me/notifications/${id(notificationId)}/read`),
};

export const board = (date: string) => get<Board>(`/board${query({ date, view: 'week' })}`);

export const specialists = (departmentId?: string) =>
  get<Specialist[]>(`/specialists${query({ departmentId })}`);
