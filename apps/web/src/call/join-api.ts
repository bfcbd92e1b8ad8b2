import type { JoinResponse } from '@yiqiao/contracts/sfu';
import { post } from '../api/client';

/** Asks the api for a short-lived SFU join token for this consultation. */
export function fetchJoin(consultationId: string): Promise<JoinResponse> {
  return post<JoinResponse>(`/consultations/${encodeURIComponent(consultationId)}/join`);
}
