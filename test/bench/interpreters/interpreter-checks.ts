import type { DataSource } from 'typeorm';

/** Seconds from each consultation's booking (its row's creation) to its first interpreter offer. */
export async function timesToFirstOffer(ds: DataSource): Promise<{ ms: number[]; withoutOffer: number }> {
  const rows = (await ds.query(
    `SELECT extract(epoch FROM (min(o.offered_at) - c.created_at)) * 1000 AS ms
       FROM consultations c LEFT JOIN interpreter_offers o ON o.consultation_id = c.id
      WHERE c.interpreter_required
      GROUP BY c.id`,
  )) as { ms: number | null }[];
  return {
    ms: rows.filter((r) => r.ms !== null).map((r) => Number(r.ms)),
    withoutOffer: rows.filter((r) => r.ms === null).length,
  };
}

export interface AssignmentTally {
  states: Record<string, number>;
  offers: number;
  /** live interpreter bookings that overlap another live booking of the same interpreter */
  doubleBookings: number;
  /** consultations whose interpreter_id disagrees with their live interpreter booking */
  inconsistent: number;
}

export async function tallyAssignments(ds: DataSource): Promise<AssignmentTally> {
  const states = (await ds.query(
    `SELECT state, count(*)::int AS n FROM interpreter_assignments GROUP BY state`,
  )) as { state: string; n: number }[];
  const [{ offers }] = (await ds.query(`SELECT count(*)::int AS offers FROM interpreter_offers`)) as {
    offers: number;
  }[];
  const [{ overlaps }] = (await ds.query(
    `SELECT count(*)::int AS overlaps FROM bookings a JOIN bookings b
        ON a.user_id = b.user_id AND a.id < b.id AND a.during && b.during
     WHERE a.role = 'interpreter' AND a.released_at IS NULL AND b.released_at IS NULL`,
  )) as { overlaps: number }[];
  const [{ inconsistent }] = (await ds.query(
    `SELECT count(*)::int AS inconsistent FROM consultations c
       LEFT JOIN bookings b ON b.consultation_id = c.id AND b.role = 'interpreter' AND b.released_at IS NULL
      WHERE c.interpreter_required AND c.interpreter_id IS DISTINCT FROM b.user_id`,
  )) as { inconsistent: number }[];
  return {
    states: Object.fromEntries(states.map((s) => [s.state, s.n])),
    offers,
    doubleBookings: overlaps,
    inconsistent,
  };
}
