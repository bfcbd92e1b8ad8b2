import { Module, OnModuleInit } from '@nestjs/common';
import { ConsultationHooks } from '@yiqiao/persistence';
import { NotificationsHook } from '@yiqiao/notifications';
import { InboxRepository } from './inbox.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationStatusRepository } from './notification-status.repository';

/**
 * The api side of notifications: the consultation hook (confirmation, reminders, reschedule and
 * cancellation notices planned in the scheduling transaction), delivery status for coordinators and
 * the in-app inbox. Needs NotificationsModule.forRoot(...) in the app module.
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationStatusRepository, InboxRepository],
})
export class NotificationsApiModule implements OnModuleInit {
  constructor(
    private readonly hooks: ConsultationHooks,
    private readonly hook: NotificationsHook,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this.hook);
  }
}
