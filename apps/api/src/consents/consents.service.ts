import { ForbiddenException, Injectable } from '@nestjs/common';
import { Clock } from '@yiqiao/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Consent, isPgError, PG_UNIQUE_VIOLATION, recordAudit, type ConsentKind } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../auth/scope.service';
import type { RequestContext } from '../common/request-context';
import { CONSENT_KINDS, type ConsentView, type GrantConsentDto, type MyConsentsView } from './consent.dto';

const view = (c: Consent): ConsentView => ({
  id: c.id,
  kind: c.kind,
  policyVersion: c.policyVersion,
  locale: c.locale,
  grantedAt: c.grantedAt,
  withdrawnAt: c.withdrawnAt,
});

/**
 * Consent records. Both kinds (sensitive health data, and cross-border transfer) must be in force
 * before any medical data of a patient is stored: callers use requireConsents(patientId).
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Grants (or re-grants for a new policy version) one kind; idempotent for the same version. */
  async grant(patient: AuthUser, dto: GrantConsentDto, ctx: RequestContext): Promise<ConsentView> {
    try {
      return await this.dataSource.transaction((manager) => this.grantIn(manager, patient, dto, ctx));
    } catch (error) {
      // A concurrent grant of the same kind won the race; answer with what is now in force.
      if (!isPgError(error, PG_UNIQUE_VIOLATION)) throw error;
      const active = await this.dataSource
        .getRepository(Consent)
        .findOneByOrFail({ patientId: patient.id, kind: dto.kind, withdrawnAt: IsNull() });
      return view(active);
    }
  }

  private async grantIn(
    manager: EntityManager,
    patient: AuthUser,
    dto: GrantConsentDto,
    ctx: RequestContext,
  ): Promise<ConsentView> {
    const repo = manager.getRepository(Consent);
    const active = await repo
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.patient_id = :id AND c.kind = :kind AND c.withdrawn_at IS NULL', {
        id: patient.id,
        kind: dto.kind,
      })
      .getOne();
    if (active && active.policyVersion === dto.policyVersion) return view(active);
    if (active) await repo.update({ id: active.id }, { withdrawnAt: () => 'now()' });
    const saved = await repo.save(
      repo.create({
        patientId: patient.id,
        kind: dto.kind,
        policyVersion: dto.policyVersion,
        locale: dto.locale,
        grantedAt: this.clock.now(),
        withdrawnAt: null,
        ipAddress: ctx.ip,
        userAgent: ctx.userAgent,
      }),
    );
    await recordAudit(manager, {
      actorId: patient.id,
      actorRole: patient.role,
      action: 'consent.granted',
      entityType: 'consent',
      entityId: saved.id,
      requestId: ctx.requestId,
      details: { kind: dto.kind, policyVersion: dto.policyVersion, replaces: active?.id ?? null },
    });
    return view(saved);
  }

  async mine(patientId: string): Promise<MyConsentsView> {
    const all = await this.dataSource
      .getRepository(Consent)
      .find({ where: { patientId }, order: { grantedAt: 'DESC' } });
    const active = CONSENT_KINDS.filter((kind) => all.some((c) => c.kind === kind && !c.withdrawnAt));
    return {
      consents: all.map(view),
      active,
      missing: CONSENT_KINDS.filter((kind) => !active.includes(kind)),
    };
  }

  /** Withdraws a consent in force. Data already stored is kept as the law on medical records requires. */
  async withdraw(patient: AuthUser, kind: ConsentKind, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE consents SET withdrawn_at = now() WHERE patient_id = $1 AND kind = $2 AND withdrawn_at IS NULL
         RETURNING id`,
        [patient.id, kind],
      )) as [{ id: string }[], number];
      const withdrawn = rows[0]?.[0];
      if (!withdrawn) throw notFound('Consent in force of kind', kind);
      await recordAudit(manager, {
        actorId: patient.id,
        actorRole: patient.role,
        action: 'consent.withdrawn',
        entityType: 'consent',
        entityId: withdrawn.id,
        requestId: ctx.requestId,
        details: { kind },
      });
    });
  }

  async missingConsents(patientId: string, manager?: EntityManager): Promise<ConsentKind[]> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT kind FROM consents WHERE patient_id = $1 AND withdrawn_at IS NULL`,
      [patientId],
    )) as { kind: ConsentKind }[];
    return CONSENT_KINDS.filter((kind) => !rows.some((row) => row.kind === kind));
  }

  /**
   * Throws 403 unless the patient has both consents in force; the message says what to accept.
   * Call it (inside the writing transaction, with its manager) before storing any medical data.
   */
  async requireConsents(patientId: string, manager?: EntityManager): Promise<void> {
    const missing = await this.missingConsents(patientId, manager);
    if (missing.length === 0) return;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      code: 'consent_required',
      missingConsents: missing,
      message: `The patient must first accept: ${missing.map(describe).join(' and ')} (POST /consents with kind ${missing.join(', ')})`,
    });
  }
}

function describe(kind: ConsentKind): string {
  return kind === 'health_data'
    ? 'processing of sensitive health data'
    : 'cross-border transfer of personal data';
}
