import { ConflictException } from '@nestjs/common';
import type { BookingRole } from '@yiqiao/persistence';
import { pgError } from '@yiqiao/persistence';
import { type Interval, zonedSpan, SHANGHAI_ZONE } from '@yiqiao/domain';

export interface BookingParty {
  userId: string;
  role: BookingRole;
}

export interface ConflictDetail {
  role: BookingRole;
  userId: string;
  startsAt: string | null;
  endsAt: string | null;
}

const WHO: Record<BookingRole, string> = {
  specialist: 'The specialist',
  patient: 'The patient',
  interpreter: 'The interpreter',
};

export function bookingConflict(conflicts: ConflictDetail[], why = 'is already booked'): ConflictException {
  const parts = conflicts.map((c) => {
    if (!c.startsAt || !c.endsAt) return `${WHO[c.role]} ${why} at that time`;
    const span = zonedSpan({ start: new Date(c.startsAt), end: new Date(c.endsAt) }, SHANGHAI_ZONE);
    return `${WHO[c.role]} ${why} from ${span.start} to ${span.end} (Shanghai time)`;
  });
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'booking_conflict',
    message: `${parts.join('; ')}. Pick another slot (GET /slots).`,
    conflicts,
  });
}

// PostgreSQL's detail for bookings_no_overlap:
// Key (user_id, during)=(<uuid>, ["…","…")) conflicts with existing key (user_id, during)=(<uuid>, ["…","…")).
const DETAIL = /existing key \(user_id, during\)=\(([0-9a-f-]{36}), \["([^"]+)","([^"]+)"\)\)/;

/** Turns the exclusion-constraint violation into a 409 naming who is double booked and when. */
export function conflictFromExclusion(error: unknown, parties: readonly BookingParty[]): ConflictException {
  const match = DETAIL.exec(pgError(error)?.detail ?? '');
  const party = match ? parties.find((p) => p.userId === match[1]) : undefined;
  if (!match || !party) {
    return bookingConflict(
      parties.map((p) => ({ role: p.role, userId: p.userId, startsAt: null, endsAt: null })),
    );
  }
  const iso = (pg: string) => new Date(pg.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
  return bookingConflict([
    { role: party.role, userId: party.userId, startsAt: iso(match[2]), endsAt: iso(match[3]) },
  ]);
}

export function conflictFromBusy(
  role: BookingRole,
  userId: string,
  busy: Interval,
  why?: string,
): ConflictException {
  return bookingConflict(
    [{ role, userId, startsAt: busy.start.toISOString(), endsAt: busy.end.toISOString() }],
    why,
  );
}
