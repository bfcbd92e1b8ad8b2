import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling: weekly availability in Asia/Shanghai, one-off exceptions, the mainland holiday calendar
 * (holidays and make-up working days) as data per year, the institution's make-up-day rule, and
 * idempotency keys for booking, rescheduling and cancelling.
 */
export class Scheduling1763820000000 implements MigrationInterface {
  name = 'Scheduling1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE makeup_day_rule AS ENUM ('calendar_weekday', 'fixed_weekday')`);
    await q.query(`
      ALTER TABLE institutions
        ADD COLUMN makeup_day_rule makeup_day_rule NOT NULL DEFAULT 'calendar_weekday',
        ADD COLUMN makeup_fixed_weekday smallint CHECK (makeup_fixed_weekday BETWEEN 1 AND 7),
        ADD CONSTRAINT institutions_makeup_rule_weekday
          CHECK (makeup_day_rule <> 'fixed_weekday' OR makeup_fixed_weekday IS NOT NULL)`);

    await q.query(`
      CREATE TABLE availability_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        specialist_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        department_id uuid REFERENCES departments(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_local time NOT NULL,
        end_local time NOT NULL,
        effective_from date NOT NULL,
        effective_until date,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_local > start_local),
        CHECK (effective_until IS NULL OR effective_until >= effective_from)
      )`);
    await q.query(
      `CREATE INDEX availability_rules_specialist_idx ON availability_rules (specialist_id, weekday)`,
    );

    await q.query(`CREATE TYPE availability_exception_kind AS ENUM ('time_off', 'extra_session')`);
    await q.query(`
      CREATE TABLE availability_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        specialist_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind availability_exception_kind NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(
      `CREATE INDEX availability_exceptions_specialist_idx ON availability_exceptions (specialist_id, starts_at)`,
    );

    await q.query(`CREATE TYPE holiday_kind AS ENUM ('holiday', 'makeup_workday')`);
    await q.query(`
      CREATE TABLE holiday_calendar_years (
        year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        source text NOT NULL,
        loaded_by uuid REFERENCES users(id),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE holiday_calendar_days (
        date date PRIMARY KEY,
        year smallint NOT NULL REFERENCES holiday_calendar_years(year) ON DELETE CASCADE,
        kind holiday_kind NOT NULL,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        schedule_weekday smallint CHECK (schedule_weekday BETWEEN 1 AND 7),
        CHECK (extract(year FROM date) = year),
        CHECK ((kind = 'makeup_workday') = (schedule_weekday IS NOT NULL))
      )`);

    // The first response to a request carrying an Idempotency-Key, replayed to retries of it.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
    await q.query(`DROP TABLE IF EXISTS holiday_calendar_days`);
    await q.query(`DROP TABLE IF EXISTS holiday_calendar_years`);
    await q.query(`DROP TYPE IF EXISTS holiday_kind`);
    await q.query(`DROP TABLE IF EXISTS availability_exceptions`);
    await q.query(`DROP TYPE IF EXISTS availability_exception_kind`);
    await q.query(`DROP TABLE IF EXISTS availability_rules`);
    await q.query(
      `ALTER TABLE institutions DROP CONSTRAINT IF EXISTS institutions_makeup_rule_weekday,
         DROP COLUMN IF EXISTS makeup_fixed_weekday, DROP COLUMN IF EXISTS makeup_day_rule`,
    );
    await q.query(`DROP TYPE IF EXISTS makeup_day_rule`);
  }
}
