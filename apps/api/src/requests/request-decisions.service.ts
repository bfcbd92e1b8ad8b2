import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestStatus } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import type { RequestContext } from '../common/request-context';
import type { CloseRequestDto, TriageRequestDto, WithdrawRequestDto } from './request.dto';
import { RequestReferences } from './request-references';
import { requestView, type ConsultationRequestView, type RequestRow } from './request.view';
import { RequestsService } from './requests.service';

/** Requests that a coordinator may still triage, decline, or a patient withdraw. */
const OPEN: readonly RequestStatus[] = ['new', 'triaged'];

/** Coordinator triage, and closing a request (declined by staff, withdrawn by the patient or staff). */
@Injectable()
export class RequestDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly references: RequestReferences,
  ) {}

  async triage(
    user: AuthUser,
    id: string,
    dto: TriageRequestDto,
    ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.openRequest(manager, user, id, 'triaged');
      await this.references.department(manager, row.institution_id, dto.departmentId);
      if (dto.specialistId) {
        await this.references.specialist(manager, row.institution_id, dto.specialistId, dto.departmentId);
      }
      await manager.query(
        `UPDATE consultation_requests
            SET department_id = $2, preferred_specialist_id = $3, urgency = COALESCE($4, urgency),
                status = 'triaged', triaged_by = $5, triaged_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, dto.departmentId, dto.specialistId ?? null, dto.urgency ?? null, user.id],
      );
      await this.requests.audit(manager, user, 'consultation_request.triaged', id, row.institution_id, ctx, {
        departmentId: dto.departmentId,
        specialistId: dto.specialistId ?? null,
        urgency: dto.urgency ?? row.urgency,
        previousStatus: row.status,
      });
      return requestView(await this.requests.loadRow(manager, id));
    });
  }

  async decline(
    user: AuthUser,
    id: string,
    dto: CloseRequestDto,
    ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.close(user, id, 'declined', dto.reason, ctx);
  }

  async withdraw(
    user: AuthUser,
    id: string,
    dto: WithdrawRequestDto,
    ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.close(user, id, 'withdrawn', dto.reason ?? null, ctx);
  }

  private async close(
    user: AuthUser,
    id: string,
    status: 'declined' | 'withdrawn',
    reason: string | null,
    ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.openRequest(manager, user, id, status);
      await manager.query(
        `UPDATE consultation_requests
            SET status = $2, closed_reason = $3, closed_by = $4, closed_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, status, reason, user.id],
      );
      await this.requests.audit(
        manager,
        user,
        `consultation_request.${status}`,
        id,
        row.institution_id,
        ctx,
        {
          reason,
          previousStatus: row.status,
        },
      );
      return requestView(await this.requests.loadRow(manager, id));
    });
  }

  /** Locks a visible request (404 otherwise) and checks it is still open (409 otherwise). */
  private async openRequest(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    target: RequestStatus,
  ): Promise<RequestRow> {
    const row = await this.requests.loadVisible(manager, user, id, true);
    if (!OPEN.includes(row.status)) {
      throw new ConflictException(
        `Consultation request ${id} is ${row.status}; only new or triaged requests can be ${target}`,
      );
    }
    return row;
  }
}
