import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel, DeliveryState, NotificationKind, NotificationStatus } from '@yiqiao/notifications';

/** What a coordinator sees per message and channel. */
export type DisplayState = 'scheduled' | 'sending' | 'retrying' | 'sent' | 'failed' | 'cancelled';

export interface ChannelStatusView {
  channel: Channel;
  state: DisplayState;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface NotificationStatusView {
  id: string;
  kind: NotificationKind;
  /** role is the user's role, or 'guest' for a family member invited to the call */
  recipient: { id: string; name: string; role: string };
  dueAt: string;
  state: DisplayState;
  failureReason: string | null;
  channels: ChannelStatusView[];
}

interface StatusRow {
  id: string;
  kind: NotificationKind;
  status: NotificationStatus;
  due_at: Date;
  failure_reason: string | null;
  recipient_id: string;
  recipient_name: string;
  recipient_role: string;
  deliveries: {
    channel: Channel;
    state: DeliveryState;
    attempts: number;
    last_error: string | null;
    sent_at: string | null;
  }[];
}

@Injectable()
export class NotificationStatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async consultationInstitution(consultationId: string): Promise<string | null> {
    const rows = (await this.db.query(`SELECT institution_id FROM consultations WHERE id = $1`, [
      consultationId,
    ])) as { institution_id: string }[];
    return rows[0]?.institution_id ?? null;
  }

  async forConsultation(consultationId: string): Promise<NotificationStatusView[]> {
    const rows = (await this.db.query(
      `SELECT n.id, n.kind, n.status, n.due_at, n.failure_reason,
              COALESCE(u.id, g.id) AS recipient_id, COALESCE(u.full_name, g.full_name) AS recipient_name,
              COALESCE(u.role::text, 'guest') AS recipient_role,
              COALESCE(json_agg(json_build_object('channel', d.channel, 'state', d.state, 'attempts', d.attempts,
                         'last_error', d.last_error, 'sent_at', d.sent_at) ORDER BY d.channel)
                       FILTER (WHERE d.id IS NOT NULL), '[]') AS deliveries
         FROM notifications n
         LEFT JOIN users u ON u.id = n.recipient_id
         LEFT JOIN consultation_guests g ON g.id = n.guest_id
         LEFT JOIN notification_deliveries d ON d.notification_id = n.id
        WHERE n.consultation_id = $1
        GROUP BY n.id, u.id, g.id
        ORDER BY n.due_at, n.created_at, u.role NULLS LAST`,
      [consultationId],
    )) as StatusRow[];
    return rows.map(toView);
  }
}

function toView(row: StatusRow): NotificationStatusView {
  const channels = row.deliveries.map((d): ChannelStatusView => ({
    channel: d.channel,
    state: channelState(d.state, d.attempts),
    attempts: d.attempts,
    lastError: d.last_error,
    sentAt: d.sent_at,
  }));
  return {
    id: row.id,
    kind: row.kind,
    recipient: { id: row.recipient_id, name: row.recipient_name, role: row.recipient_role },
    dueAt: new Date(row.due_at).toISOString(),
    state: notificationState(row.status, channels),
    failureReason: row.failure_reason,
    channels,
  };
}

function channelState(state: DeliveryState, attempts: number): DisplayState {
  if (state === 'pending') return attempts > 0 ? 'retrying' : 'scheduled';
  return state;
}

function notificationState(status: NotificationStatus, channels: ChannelStatusView[]): DisplayState {
  if (status !== 'pending') return status;
  if (channels.some((c) => c.state === 'retrying')) return 'retrying';
  if (channels.some((c) => c.state === 'sending')) return 'sending';
  return 'scheduled';
}
