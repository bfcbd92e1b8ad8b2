import type { EntityManager } from 'typeorm';
import type { Role } from '@yiqiao/domain';

export interface AuditRecord {
  actorId: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  institutionId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends an audit event inside the caller's transaction, so the event exists exactly when the change
 * it describes does. Every read or write of medical data, and every scheduling step, calls this.
 */
export async function recordAudit(manager: EntityManager, event: AuditRecord): Promise<void> {
  await manager.query(
    `INSERT INTO audit_events (actor_id, actor_role, action, entity_type, entity_id, institution_id, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      event.actorId,
      event.actorRole,
      event.action,
      event.entityType,
      event.entityId ?? null,
      event.institutionId ?? null,
      event.requestId ?? null,
      JSON.stringify(event.details ?? {}),
    ],
  );
}
