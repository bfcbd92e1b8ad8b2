import { joinWindow, type JoinWindow } from '@yiqiao/domain';

/** The columns a consultation's join window is made of (consultations joined with institutions). */
export interface JoinWindowRow {
  starts_at: Date;
  ends_at: Date;
  opened_early_at: Date | null;
  join_lead_minutes: number;
  staff_join_lead_minutes: number;
  join_grace_minutes: number;
}

/** The SELECT list for JoinWindowRow, with `c` = consultations and `i` = its institution. */
export const JOIN_WINDOW_COLUMNS = `c.starts_at, c.ends_at, c.opened_early_at,
  i.join_lead_minutes, i.staff_join_lead_minutes, i.join_grace_minutes`;

export function joinWindowOfRow(row: JoinWindowRow): JoinWindow {
  return joinWindow(
    { startsAt: row.starts_at, endsAt: row.ends_at, openedEarlyAt: row.opened_early_at },
    {
      leadMinutes: row.join_lead_minutes,
      staffLeadMinutes: row.staff_join_lead_minutes,
      graceMinutes: row.join_grace_minutes,
    },
  );
}
