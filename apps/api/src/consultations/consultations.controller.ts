import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { checkIdempotencyKey, requestFingerprint } from '../scheduling/idempotency.service';
import { BookingService } from './booking.service';
import type { CommandOutcome } from './consultation-command.runner';
import { ConsultationChangesService } from './consultation-changes.service';
import { ConsultationReadsService } from './consultation-reads.service';
import {
  BookConsultationDto,
  CancelConsultationDto,
  ConsultationDto,
  ConsultationListQueryDto,
  RescheduleConsultationDto,
} from './consultations.dto';

/** The part of the express response the idempotent replies use (express ships no types here). */
interface Response {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Any unique string (e.g. a UUID). A retry with the same key returns the first answer and changes nothing.',
};

function reply(res: Response, outcome: CommandOutcome): ConsultationDto {
  res.status(outcome.statusCode);
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body as ConsultationDto;
}

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly booking: BookingService,
    private readonly changes: ConsultationChangesService,
    private readonly reads: ConsultationReadsService,
  ) {}

  @Post()
  @Roles('coordinator', 'admin', 'patient')
  @ApiOperation({
    summary:
      'Book a consultation (coordinators for a patient; patients where their hospital allows self-booking)',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'Someone involved is already booked then: the body says who and when' })
  @ApiUnprocessableEntityResponse({
    description: 'Outside availability, in the past, or Idempotency-Key reused',
  })
  async book(
    @CurrentUser() user: AuthUser,
    @Body() dto: BookConsultationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConsultationDto> {
    const context = {
      userId: user.id,
      idempotencyKey: checkIdempotencyKey(key),
      fingerprint: requestFingerprint('book', '', dto),
    };
    return reply(res, await this.booking.book(user, dto, context));
  }

  @Get()
  @ApiOperation({ summary: 'Consultations: your own, or your institution’s for coordinators' })
  @ApiOkResponse({ type: [ConsultationDto] })
  list(@CurrentUser() user: AuthUser, @Query() query: ConsultationListQueryDto): Promise<ConsultationDto[]> {
    return this.reads.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One consultation, with both clocks' })
  @ApiOkResponse({ type: ConsultationDto })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConsultationDto> {
    return this.reads.get(user, id);
  }

  @Post(':id/reschedule')
  @Roles('coordinator', 'admin', 'patient')
  @ApiOperation({ summary: 'Move a consultation, within the reschedule cut-off (coordinators may override)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ConsultationDto })
  async reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RescheduleConsultationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConsultationDto> {
    const context = {
      userId: user.id,
      idempotencyKey: checkIdempotencyKey(key),
      fingerprint: requestFingerprint('reschedule', id, dto),
    };
    return reply(res, await this.changes.reschedule(user, id, dto, context));
  }

  @Post(':id/cancel')
  @Roles('coordinator', 'admin', 'patient')
  @ApiOperation({
    summary: 'Cancel a consultation, within the cancellation cut-off (coordinators may override)',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ConsultationDto })
  async cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CancelConsultationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConsultationDto> {
    const context = {
      userId: user.id,
      idempotencyKey: checkIdempotencyKey(key),
      fingerprint: requestFingerprint('cancel', id, dto),
    };
    return reply(res, await this.changes.cancel(user, id, dto, context));
  }
}
