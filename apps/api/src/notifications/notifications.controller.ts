import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, notFound, Roles, ScopeService } from '../auth';
import { InboxItem, InboxRepository } from './inbox.repository';
import { NotificationStatusRepository, NotificationStatusView } from './notification-status.repository';

export class InboxQuery {
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;
}

const uuid = (what: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${what} must be a UUID`) });

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly statuses: NotificationStatusRepository,
    private readonly inbox: InboxRepository,
    private readonly scope: ScopeService,
  ) {}

  @Get('consultations/:id/notifications')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Delivery status of every message about a consultation, per channel' })
  async forConsultation(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('consultation id')) consultationId: string,
  ): Promise<{ consultationId: string; notifications: NotificationStatusView[] }> {
    const institutionId = await this.statuses.consultationInstitution(consultationId);
    if (!institutionId || !(await this.scope.canSeeInstitution(user, institutionId))) {
      throw notFound('Consultation', consultationId);
    }
    return { consultationId, notifications: await this.statuses.forConsultation(consultationId) };
  }

  @Get('me/notifications')
  @ApiOperation({ summary: 'My in-app inbox, newest first, in my language' })
  async myInbox(@CurrentUser() user: AuthUser, @Query() query: InboxQuery): Promise<{ items: InboxItem[] }> {
    return {
      items: await this.inbox.list(user.id, { unreadOnly: query.unread ?? false, limit: query.limit ?? 50 }),
    };
  }

  @Post('me/notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one inbox entry read' })
  async markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('notification id')) id: string,
  ): Promise<{ id: string; readAt: string }> {
    const readAt = await this.inbox.markRead(user.id, id);
    if (!readAt) throw notFound('Notification', id);
    return { id, readAt: readAt.toISOString() };
  }
}
