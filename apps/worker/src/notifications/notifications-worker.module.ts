import { Module, OnModuleInit } from '@nestjs/common';
import { NotificationsHook } from '@yiqiao/notifications';
import { ConsultationHooks } from '@yiqiao/persistence';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { DELIVERY_CHANNELS, DeliveryChannel } from './channel';
import { DeliverProcessor } from './deliver.processor';
import { DeliveryService } from './delivery.service';
import { EmailChannel } from './email-channel';
import { InAppChannel } from './in-app-channel';
import { HttpSmsChannel } from './sms-channel';

function channelsFrom(config: WorkerConfig): DeliveryChannel[] {
  const channels: DeliveryChannel[] = [
    new InAppChannel(),
    new EmailChannel({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      timeoutMs: config.SMTP_TIMEOUT_MS,
      maxConnections: config.SMTP_MAX_CONNECTIONS,
      maxMessages: config.SMTP_MAX_MESSAGES,
    }),
  ];
  if (config.SMS_PROVIDER_URL) {
    channels.push(
      new HttpSmsChannel({
        url: config.SMS_PROVIDER_URL,
        token: config.SMS_PROVIDER_TOKEN,
        timeoutMs: config.SMTP_TIMEOUT_MS,
      }),
    );
  }
  return channels;
}

/**
 * Delivery of notification jobs over e-mail, SMS and the in-app inbox; and the consultation hook, so
 * changes the worker makes (a call starting, completing, a no-show) keep the messages in step too.
 */
@Module({
  providers: [
    { provide: DELIVERY_CHANNELS, inject: [WORKER_CONFIG], useFactory: channelsFrom },
    DeliveryService,
    DeliverProcessor,
  ],
})
export class NotificationsWorkerModule implements OnModuleInit {
  constructor(
    private readonly hooks: ConsultationHooks,
    private readonly hook: NotificationsHook,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this.hook);
  }
}
