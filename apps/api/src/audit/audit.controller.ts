import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuditEventPage, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('coordinator', 'admin')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail, newest first (coordinators: events of their institution and its clinics)',
  })
  @ApiOkResponse({ type: AuditEventPage })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<AuditEventPage> {
    return this.audit.list(user, query);
  }
}
