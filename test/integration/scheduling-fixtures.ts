import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/create-api';
import { loadApiConfig } from '../../apps/api/src/config';
import { Clock } from '@yiqiao/domain';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createTestDatabase,
  createUser,
  testQueuePrefix,
  TestDatabase,
  UserFixture,
} from '@yiqiao/testing';
import { loginAs } from '../support/auth';

// jest ignores the per-project testTimeout in jest.config.js (it warns "Unknown option"), so set it here.
jest.setTimeout(120_000);

/** Shared set-up for the scheduling, booking and consultations integration tests. */
export interface SchedulingStack {
  db: TestDatabase;
  app: INestApplication;
  ds: DataSource;
  close(): Promise<void>;
  /** Moves the api's scheduling clock (2026's DST and holiday dates are in the past otherwise). */
  setNow(iso: string): void;
}

export async function startSchedulingStack(label: string): Promise<SchedulingStack> {
  const db = await createTestDatabase();
  const app = await createApi(
    loadApiConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: testQueuePrefix(label), LOG_LEVEL: 'silent' }),
  );
  await app.init();
  const ds = app.get<DataSource>(getDataSourceToken());
  const clock = app.get(Clock);
  return {
    db,
    app,
    ds,
    setNow: (iso) => {
      jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export interface HospitalFixture {
  institutionId: string;
  departmentId: string;
  specialist: UserFixture;
  coordinator: UserFixture;
  coordinatorToken: string;
}

export async function createHospital(
  stack: SchedulingStack,
  options: Parameters<typeof createInstitution>[1] & {
    minutes?: number;
    specialistLanguages?: string[];
  } = {},
): Promise<HospitalFixture> {
  const institution = await createInstitution(stack.ds, options);
  const department = await createDepartment(stack.ds, institution.id, 'urology', options.minutes ?? 30);
  const specialist = await createUser(stack.ds, 'specialist', {
    institutionId: institution.id,
    spokenLanguages: options.specialistLanguages ?? ['zh-cmn'],
  });
  await addSpecialistToDepartment(stack.ds, specialist.id, department.id);
  const coordinator = await createUser(stack.ds, 'coordinator', { institutionId: institution.id });
  return {
    institutionId: institution.id,
    departmentId: department.id,
    specialist,
    coordinator,
    coordinatorToken: await loginAs(stack.app, coordinator.email),
  };
}

/** Weekly sessions in Asia/Shanghai from 2026-01-01, written directly. */
export async function addWeeklyRules(
  ds: DataSource,
  specialistId: string,
  rules: { weekdays: number[]; start: string; end: string }[],
): Promise<void> {
  for (const rule of rules) {
    for (const weekday of rule.weekdays) {
      await ds.query(
        `INSERT INTO availability_rules (specialist_id, weekday, start_local, end_local, effective_from)
         VALUES ($1, $2, $3, $4, '2026-01-01')`,
        [specialistId, weekday, rule.start, rule.end],
      );
    }
  }
}

export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAYS = [1, 2, 3, 4, 5];
