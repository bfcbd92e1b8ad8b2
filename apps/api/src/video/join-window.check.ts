import { ConflictException } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallRole } from '@yiqiao/contracts';
import { JOIN_WINDOW_COLUMNS, joinWindowOfRow, type JoinWindowRow } from '@yiqiao/persistence';
import {
  joinWindowState,
  opensAtFor,
  SHANGHAI_ZONE,
  type ConsultationStatus,
  type JoinSide,
  type JoinWindow,
} from '@yiqiao/domain';

/** Statuses in which a consultation's call can be joined (inside its window). */
export const JOINABLE_STATUSES: readonly ConsultationStatus[] = ['scheduled', 'waiting', 'in_progress'];

export interface JoinTimes {
  status: ConsultationStatus;
  window: JoinWindow;
}

/** The specialist and coordinators open the room; everyone else is received in it. */
export function joinSideOf(role: CallRole): JoinSide {
  return role === 'specialist' || role === 'coordinator' ? 'staff' : 'participant';
}

export async function loadJoinTimes(
  db: DataSource | EntityManager,
  consultationId: string,
): Promise<JoinTimes | null> {
  const [row] = (await db.query(
    `SELECT c.status, ${JOIN_WINDOW_COLUMNS}
       FROM consultations c JOIN institutions i ON i.id = c.institution_id
      WHERE c.id = $1`,
    [consultationId],
  )) as (JoinWindowRow & { status: ConsultationStatus })[];
  return row ? { status: row.status, window: joinWindowOfRow(row) } : null;
}

const shanghai = (d: Date) =>
  DateTime.fromJSDate(d).setZone(SHANGHAI_ZONE).toFormat("d LLL yyyy HH:mm 'Shanghai time'");

function conflict(code: string, message: string, window: JoinWindow, side: JoinSide): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code,
    message,
    opensAt: opensAtFor(window, side).toISOString(),
    closesAt: window.closesAt.toISOString(),
  });
}

export function isJoinableNow(times: JoinTimes, side: JoinSide, now: Date): boolean {
  return JOINABLE_STATUSES.includes(times.status) && joinWindowState(times.window, side, now) === 'open';
}

/** 409 with a machine-readable code and the window's instants unless `now` is inside the window. */
export function assertJoinWindow(times: JoinTimes, side: JoinSide, now: Date): void {
  const { status, window } = times;
  if (!JOINABLE_STATUSES.includes(status))
    throw conflict(
      'not_joinable',
      `This consultation is ${status.replace('_', ' ')} and cannot be joined.`,
      window,
      side,
    );
  const state = joinWindowState(window, side, now);
  if (state === 'not_open')
    throw conflict(
      'join_window_not_open',
      `The consultation room opens at ${shanghai(opensAtFor(window, side))} (${opensAtFor(window, side).toISOString()}); come back then.`,
      window,
      side,
    );
  if (state === 'closed')
    throw conflict(
      'join_window_closed',
      `The consultation room closed at ${shanghai(window.closesAt)}; ask the coordinator to arrange a new time.`,
      window,
      side,
    );
}
