import type { EntityManager } from 'typeorm';

/**
 * Demo weekly availability (Asia/Shanghai): mornings and late afternoons on weekdays, and an evening
 * session that suits patients in Europe and the Americas. Replaced on every run so it stays as written.
 */
const DEMO_WEEKLY_SESSIONS: { email: string; weekdays: number[]; start: string; end: string }[] = [
  { email: 'dr.li@pudong.test', weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '12:00' },
  { email: 'dr.li@pudong.test', weekdays: [2, 4], start: '20:00', end: '22:00' },
  { email: 'dr.zhang@pudong.test', weekdays: [1, 3, 5], start: '14:00', end: '18:00' },
  { email: 'dr.zhang@pudong.test', weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '10:00' },
  { email: 'dr.zhou@pudong.test', weekdays: [2, 3, 4], start: '13:30', end: '17:30' },
  { email: 'dr.sun@huashan.test', weekdays: [1, 2, 3, 4, 5], start: '15:00', end: '18:00' },
  { email: 'dr.guo@huashan.test', weekdays: [1, 3, 5], start: '09:00', end: '12:00' },
  { email: 'dr.guo@huashan.test', weekdays: [2, 4], start: '19:00', end: '21:00' },
];

export async function seedDemoAvailability(manager: EntityManager): Promise<void> {
  const emails = [...new Set(DEMO_WEEKLY_SESSIONS.map((s) => s.email))];
  const rows = (await manager.query(`SELECT id, email FROM users WHERE email = ANY($1)`, [emails])) as {
    id: string;
    email: string;
  }[];
  const idByEmail = new Map(rows.map((r) => [r.email, r.id]));
  await manager.query(`DELETE FROM availability_rules WHERE specialist_id = ANY($1)`, [
    [...idByEmail.values()],
  ]);
  for (const session of DEMO_WEEKLY_SESSIONS) {
    const specialistId = idByEmail.get(session.email);
    if (!specialistId) continue;
    for (const weekday of session.weekdays) {
      await manager.query(
        `INSERT INTO availability_rules (specialist_id, weekday, start_local, end_local, effective_from)
         VALUES ($1, $2, $3, $4, '2026-01-01')`,
        [specialistId, weekday, session.start, session.end],
      );
    }
  }
}
