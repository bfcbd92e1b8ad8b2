import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadMessageContexts, NotificationKind, renderMessage } from '@yiqiao/notifications';
import { API_CONFIG, ApiConfig } from '../config';

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  consultationId: string | null;
  title: string;
  body: string[];
  link: string | null;
  dir: 'ltr' | 'rtl';
  sentAt: string;
  readAt: string | null;
}

/** The in-app inbox: sent in-app deliveries, rendered in the reader's current language. */
@Injectable()
export class InboxRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async list(userId: string, options: { unreadOnly: boolean; limit: number }): Promise<InboxItem[]> {
    const rows = (await this.db.query(
      `SELECT n.id, d.sent_at, d.read_at
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.recipient_id = $1 AND d.channel = 'in_app' AND d.state = 'sent'
          AND ($2::boolean = false OR d.read_at IS NULL)
        ORDER BY d.sent_at DESC LIMIT $3`,
      [userId, options.unreadOnly, options.limit],
    )) as { id: string; sent_at: Date; read_at: Date | null }[];
    const contexts = new Map(
      (
        await loadMessageContexts(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((c) => [c.notification.id, c]),
    );
    return rows.flatMap((row) => {
      const context = contexts.get(row.id);
      if (!context) return [];
      const message = renderMessage(context, this.config.PUBLIC_WEB_URL);
      return [
        {
          id: row.id,
          kind: context.notification.kind,
          consultationId: context.consultation?.id ?? null,
          title: message.subject,
          body: message.lines,
          link: message.link,
          dir: message.dir,
          sentAt: new Date(row.sent_at).toISOString(),
          readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
        },
      ];
    });
  }

  /** Marks one of the user's inbox entries read; false when it is not theirs (or not in the inbox). */
  async markRead(userId: string, notificationId: string): Promise<Date | null> {
    const rows = (await this.db.query(
      `UPDATE notification_deliveries d SET read_at = COALESCE(d.read_at, now()), updated_at = now()
         FROM notifications n
        WHERE n.id = d.notification_id AND d.notification_id = $2 AND n.recipient_id = $1
          AND d.channel = 'in_app' AND d.state = 'sent'
        RETURNING d.read_at`,
      [userId, notificationId],
    )) as [{ read_at: Date }[], number];
    const row = rows[0][0];
    return row ? new Date(row.read_at) : null;
  }
}
