import { eventually } from '@yiqiao/testing';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { simpleParser, ParsedMail } from 'mailparser';
import type { DataSource } from 'typeorm';
import { ConsultationChange, ConsultationHooks } from '@yiqiao/persistence';
import { NOTIFICATION_QUEUE, NotificationPlanner, NotificationQueue } from '@yiqiao/notifications';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createTestDatabase,
  createUser,
  freePort,
  TestDatabase,
  testQueuePrefix,
} from '@yiqiao/testing';
import type { Locale } from '@yiqiao/domain';
import { loadApiConfig } from '../../apps/api/src/config';
import { createApi } from '../../apps/api/src/create-api';
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { createWorker } from '../../apps/worker/src/create-worker';
import { MailCatcher, MailCatcherOptions, startMailCatcher } from '../../infra/dev/mail-catcher';

/** Settings that make retries and reconciliation take seconds instead of minutes. */
export const FAST_DELIVERY_ENV = {
  DELIVERY_BACKOFF_MS: '200',
  DELIVERY_BACKOFF_MAX_MS: '1000',
  DELIVERY_MAX_ATTEMPTS: '3',
  DELIVERY_LEASE_MS: '3000',
  NOTIFICATION_JOB_LOCK_MS: '2000',
  SMTP_TIMEOUT_MS: '5000',
};

export interface NotificationStack {
  db: TestDatabase;
  api: INestApplication;
  worker: INestApplication | null;
  catcher: MailCatcher;
  dataSource: DataSource;
  planner: NotificationPlanner;
  queue: NotificationQueue;
  queuePrefix: string;
  startWorker(extraEnv?: Record<string, string>): Promise<INestApplication>;
  close(): Promise<void>;
}

/** The api and (on demand) the worker in-process on one test database, Redis prefix and SMTP catcher. */
export async function startNotificationStack(options: {
  label: string;
  redisUrl?: string;
  decide?: MailCatcherOptions['decide'];
  workerEnv?: Record<string, string>;
  withWorker?: boolean;
}): Promise<NotificationStack> {
  const db = await createTestDatabase();
  const queuePrefix = testQueuePrefix(options.label);
  const catcher = await startMailCatcher({ smtpPort: await freePort(), decide: options.decide });
  const common = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    PUBLIC_WEB_URL: 'https://care.yiqiao.test',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  const api = await createApi(loadApiConfig(common));
  await api.init();
  const stack: NotificationStack = {
    db,
    api,
    worker: null,
    catcher,
    dataSource: api.get<DataSource>(getDataSourceToken()),
    planner: api.get(NotificationPlanner),
    queue: api.get<NotificationQueue>(NOTIFICATION_QUEUE),
    queuePrefix,
    async startWorker(extraEnv = {}) {
      const worker = await createWorker(
        loadWorkerConfig({
          ...common,
          ...FAST_DELIVERY_ENV,
          SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
          ...options.workerEnv,
          ...extraEnv,
        }),
      );
      await worker.init();
      stack.worker = worker;
      return worker;
    },
    async close() {
      await stack.worker?.close();
      await api.close();
      await catcher.close();
      await db.drop();
    },
  };
  if (options.withWorker ?? true) await stack.startWorker();
  return stack;
}

export interface ConsultationSetup {
  consultationId: string;
  startsAt: Date;
  institutionId: string;
  patient: { id: string; email: string };
  specialist: { id: string; email: string };
  interpreter: { id: string; email: string } | null;
  coordinator: { id: string; email: string };
}

export async function seedConsultation(
  db: DataSource,
  options: {
    startsAt: Date;
    patientLocale?: Locale;
    patientZone?: string;
    patientPhone?: string;
    withInterpreter?: boolean;
    reminderOffsets?: number[];
  },
): Promise<ConsultationSetup> {
  const institution = await createInstitution(db);
  if (options.reminderOffsets) {
    await db.query(`UPDATE institutions SET reminder_offsets_minutes = $2 WHERE id = $1`, [
      institution.id,
      options.reminderOffsets,
    ]);
  }
  const department = await createDepartment(db, institution.id, 'urology');
  const specialist = await createUser(db, 'specialist', {
    institutionId: institution.id,
    fullName: 'Dr Wang Lei',
  });
  await addSpecialistToDepartment(db, specialist.id, department.id);
  const coordinator = await createUser(db, 'coordinator', { institutionId: institution.id });
  const patient = await createUser(db, 'patient', {
    locale: options.patientLocale ?? 'en',
    timeZone: options.patientZone ?? 'Europe/London',
    fullName: 'Patient Zero',
    phone: options.patientPhone,
  });
  const interpreter = options.withInterpreter
    ? await createUser(db, 'interpreter', { institutionId: institution.id })
    : null;
  const consultation = await createScheduledConsultation(db, {
    institutionId: institution.id,
    departmentId: department.id,
    specialistId: specialist.id,
    patientId: patient.id,
    interpreterId: interpreter?.id ?? null,
    createdBy: coordinator.id,
    startsAt: options.startsAt,
  });
  return {
    consultationId: consultation.id,
    startsAt: options.startsAt,
    institutionId: institution.id,
    patient,
    specialist,
    interpreter,
    coordinator,
  };
}

/** What the scheduling service does: hooks inside the transaction, their work after commit. */
export async function runConsultationChange(
  app: INestApplication,
  change: ConsultationChange,
): Promise<void> {
  const hooks = app.get(ConsultationHooks);
  const db = app.get<DataSource>(getDataSourceToken());
  const work = await db.transaction((manager) => hooks.runInTransaction(manager, change));
  await hooks.runAfterCommit(work, (error) => {
    throw error;
  });
}

/** Moves a 30-minute consultation to a new start, then runs the reschedule hooks as scheduling does. */
export async function moveConsultation(
  stack: Pick<NotificationStack, 'api' | 'dataSource'>,
  setup: Pick<ConsultationSetup, 'consultationId' | 'coordinator'>,
  from: Date,
  to: Date,
): Promise<void> {
  const length = 30 * 60_000;
  await stack.dataSource.query(`UPDATE consultations SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    setup.consultationId,
    to,
    new Date(to.getTime() + length),
  ]);
  await runConsultationChange(stack.api, {
    kind: 'rescheduled',
    consultationId: setup.consultationId,
    actorId: setup.coordinator.id,
    previous: { startsAt: from, endsAt: new Date(from.getTime() + length) },
  });
}

export function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  return eventually(probe, what, timeoutMs);
}

export function parseMail(raw: string): Promise<ParsedMail> {
  return simpleParser(raw);
}

/** The iCalendar text of a parsed e-mail (nodemailer sends it as a text/calendar part). */
export function calendarOf(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.subject}"`);
  return part.content.toString('utf8');
}

export async function notificationRows(db: DataSource, consultationId: string) {
  return (await db.query(
    `SELECT id, kind, recipient_id, due_at, status, failure_reason, data FROM notifications
      WHERE consultation_id = $1 ORDER BY due_at, kind, recipient_id`,
    [consultationId],
  )) as {
    id: string;
    kind: string;
    recipient_id: string;
    due_at: Date;
    status: string;
    failure_reason: string | null;
    data: Record<string, unknown>;
  }[];
}
