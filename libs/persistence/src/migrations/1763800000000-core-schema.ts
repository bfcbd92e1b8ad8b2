import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Core schema: institutions, departments, users and their professional profiles, consultation
 * requests and consultations, the bookings that make double booking impossible, consent and audit.
 */
export class CoreSchema1763800000000 implements MigrationInterface {
  name = 'CoreSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);

    await q.query(`CREATE TYPE institution_kind AS ENUM ('shanghai_hospital', 'clinic', 'overseas_partner')`);
    await q.query(
      `CREATE TYPE user_role AS ENUM ('patient', 'specialist', 'interpreter', 'coordinator', 'admin')`,
    );
    await q.query(`CREATE TYPE user_locale AS ENUM ('en', 'zh-CN', 'ru', 'ja', 'ar')`);
    await q.query(
      `CREATE TYPE consultation_status AS ENUM ('requested', 'scheduled', 'waiting', 'in_progress', 'completed', 'cancelled', 'no_show')`,
    );
    await q.query(`CREATE TYPE request_urgency AS ENUM ('routine', 'soon', 'urgent')`);
    await q.query(
      `CREATE TYPE request_status AS ENUM ('new', 'triaged', 'scheduled', 'declined', 'withdrawn')`,
    );
    await q.query(`CREATE TYPE booking_role AS ENUM ('specialist', 'interpreter', 'patient')`);
    await q.query(`CREATE TYPE consent_kind AS ENUM ('health_data', 'cross_border_transfer')`);

    await q.query(`
      CREATE TABLE institutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
        name text NOT NULL,
        name_zh text,
        kind institution_kind NOT NULL,
        parent_id uuid REFERENCES institutions(id),
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        country char(2) NOT NULL DEFAULT 'CN',
        allows_patient_self_booking boolean NOT NULL DEFAULT false,
        cancellation_cutoff_minutes integer NOT NULL DEFAULT 1440 CHECK (cancellation_cutoff_minutes >= 0),
        reschedule_cutoff_minutes integer NOT NULL DEFAULT 1440 CHECK (reschedule_cutoff_minutes >= 0),
        booking_buffer_minutes integer NOT NULL DEFAULT 10 CHECK (booking_buffer_minutes >= 0),
        requires_interpreter_certification boolean NOT NULL DEFAULT true,
        reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,60,10}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
        name text NOT NULL,
        name_zh text,
        specialty text NOT NULL,
        default_consultation_minutes integer NOT NULL DEFAULT 30 CHECK (default_consultation_minutes BETWEEN 10 AND 240),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, code)
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        role user_role NOT NULL,
        institution_id uuid REFERENCES institutions(id),
        preferred_language user_locale NOT NULL DEFAULT 'en',
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        phone text,
        country char(2),
        spoken_languages text[] NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role = 'patient' OR role = 'admin' OR institution_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX users_institution_role_idx ON users (institution_id, role)`);

    await q.query(`
      CREATE TABLE specialist_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        title text NOT NULL DEFAULT '',
        bio text NOT NULL DEFAULT '',
        consultation_minutes integer CHECK (consultation_minutes BETWEEN 10 AND 240)
      )`);
    await q.query(`
      CREATE TABLE specialist_departments (
        specialist_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        PRIMARY KEY (specialist_id, department_id)
      )`);

    await q.query(`
      CREATE TABLE interpreter_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        certification text,
        certified_until date,
        late_cancellations integer NOT NULL DEFAULT 0 CHECK (late_cancellations >= 0)
      )`);
    await q.query(`
      CREATE TABLE interpreter_language_pairs (
        interpreter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        language_a text NOT NULL,
        language_b text NOT NULL,
        PRIMARY KEY (interpreter_id, language_a, language_b),
        CHECK (language_a < language_b)
      )`);
    await q.query(`
      CREATE TABLE interpreter_specialties (
        interpreter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        specialty text NOT NULL,
        certified boolean NOT NULL DEFAULT false,
        PRIMARY KEY (interpreter_id, specialty)
      )`);

    await q.query(`
      CREATE TABLE consultation_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES users(id),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        department_id uuid REFERENCES departments(id),
        preferred_specialist_id uuid REFERENCES users(id),
        complaint text NOT NULL,
        spoken_languages text[] NOT NULL,
        country char(2) NOT NULL,
        time_zone text NOT NULL,
        urgency request_urgency NOT NULL DEFAULT 'routine',
        status request_status NOT NULL DEFAULT 'new',
        triaged_by uuid REFERENCES users(id),
        triaged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consultation_requests_inbox_idx ON consultation_requests (institution_id, status, created_at)`,
    );

    await q.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid REFERENCES consultation_requests(id),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        specialist_id uuid NOT NULL REFERENCES users(id),
        patient_id uuid NOT NULL REFERENCES users(id),
        interpreter_id uuid REFERENCES users(id),
        status consultation_status NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        interpreter_required boolean NOT NULL DEFAULT false,
        patient_language text,
        specialist_language text,
        created_by uuid NOT NULL REFERENCES users(id),
        cancel_reason text,
        cancelled_by uuid REFERENCES users(id),
        cancelled_at timestamptz,
        sfu_node_id text,
        started_at timestamptz,
        ended_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX consultations_board_idx ON consultations (institution_id, starts_at)`);
    await q.query(`CREATE INDEX consultations_specialist_idx ON consultations (specialist_id, starts_at)`);
    await q.query(`CREATE INDEX consultations_patient_idx ON consultations (patient_id, starts_at)`);
    await q.query(`CREATE INDEX consultations_interpreter_idx ON consultations (interpreter_id, starts_at)`);

    // One row per person whose time a consultation holds. The exclusion constraint is what makes
    // double booking impossible, whatever the concurrency: two live rows of one person cannot overlap.
    await q.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        role booking_role NOT NULL,
        during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
        released_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (user_id WITH =, during WITH &&) WHERE (released_at IS NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX bookings_live_role_idx ON bookings (consultation_id, role) WHERE released_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES users(id),
        kind consent_kind NOT NULL,
        policy_version text NOT NULL,
        locale user_locale NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        ip_address inet,
        user_agent text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX consents_active_idx ON consents (patient_id, kind) WHERE withdrawn_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users(id),
        actor_role user_role,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        institution_id uuid REFERENCES institutions(id),
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, occurred_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events',
      'consents',
      'bookings',
      'consultations',
      'consultation_requests',
      'interpreter_specialties',
      'interpreter_language_pairs',
      'interpreter_profiles',
      'specialist_departments',
      'specialist_profiles',
      'users',
      'departments',
      'institutions',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const type of [
      'consent_kind',
      'booking_role',
      'request_status',
      'request_urgency',
      'consultation_status',
      'user_locale',
      'user_role',
      'institution_kind',
    ]) {
      await q.query(`DROP TYPE IF EXISTS ${type}`);
    }
  }
}
