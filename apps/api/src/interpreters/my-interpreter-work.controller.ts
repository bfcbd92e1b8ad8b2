import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@yiqiao/domain';
import { CurrentUser, Roles, type AuthUser } from '../auth';
import { InterpreterActionsService } from './interpreter-actions.service';
import { InterpreterDirectoryRepository } from './interpreter-directory.repository';
import { DeclineOfferDto, LanguagePairsDto, ScheduleQueryDto, WorkingHoursDto } from './interpreters.dto';
import { BadRequestException } from '@nestjs/common';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('The id in the path must be a UUID'),
});

/** The interpreter's own side: offers to answer, schedule, working hours and language pairs. */
@ApiTags('interpreters')
@ApiBearerAuth()
@Roles('interpreter')
@Controller('interpreters/me')
export class MyInterpreterWorkController {
  constructor(
    private readonly actions: InterpreterActionsService,
    private readonly directory: InterpreterDirectoryRepository,
    private readonly clock: Clock,
  ) {}

  @Get('offers')
  @ApiOperation({ summary: 'My open offers first, then those of the last 30 days' })
  offers(@CurrentUser() user: AuthUser) {
    return this.directory.offers(user.id, this.clock.now());
  }

  @Post('offers/:offerId/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept an offer: books me atomically (409 if I am busy then, 410 if it expired or was withdrawn)',
  })
  accept(@CurrentUser() user: AuthUser, @Param('offerId', uuid) offerId: string) {
    return this.actions.accept(user, offerId);
  }

  @Post('offers/:offerId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an offer; the next candidate is asked' })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('offerId', uuid) offerId: string,
    @Body() body: DeclineOfferDto,
  ) {
    return this.actions.decline(user, offerId, body.reason ?? null);
  }

  @Post('consultations/:consultationId/cancel')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give back a consultation I accepted; a replacement is searched automatically' })
  async cancel(
    @CurrentUser() user: AuthUser,
    @Param('consultationId', uuid) consultationId: string,
  ): Promise<void> {
    await this.actions.cancelMine(user, consultationId);
  }

  @Get('schedule')
  @ApiOperation({ summary: 'My booked consultations between from and to (default: the next 30 days)' })
  schedule(@CurrentUser() user: AuthUser, @Query() query: ScheduleQueryDto) {
    const from = query.from ? new Date(query.from) : this.clock.now();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 30 * 24 * 3600_000);
    if (to <= from) throw new BadRequestException('to must be after from');
    return this.directory.schedule(user.id, from, to);
  }

  @Get('working-hours')
  @ApiOperation({ summary: 'My weekly working windows (Asia/Shanghai wall clock)' })
  workingHours(@CurrentUser() user: AuthUser) {
    return this.directory.workingHours(user.id);
  }

  @Put('working-hours')
  @HttpCode(204)
  async setWorkingHours(@CurrentUser() user: AuthUser, @Body() body: WorkingHoursDto): Promise<void> {
    await this.directory.replaceWorkingHours(user, body.windows);
  }

  @Get('language-pairs')
  languagePairs(@CurrentUser() user: AuthUser) {
    return this.directory.languagePairs(user.id);
  }

  @Put('language-pairs')
  @HttpCode(204)
  async setLanguagePairs(@CurrentUser() user: AuthUser, @Body() body: LanguagePairsDto): Promise<void> {
    await this.directory.replaceLanguagePairs(user, body.pairs);
  }
}
