import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdParam } from '../common/id-param';
import { Ctx, type RequestContext } from '../common/request-context';
import {
  CloseRequestDto,
  CreateConsultationRequestDto,
  ListRequestsQuery,
  TriageRequestDto,
  WithdrawRequestDto,
} from './request.dto';
import { ConsultationRequestPage, ConsultationRequestView } from './request.view';
import { RequestDecisionsService } from './request-decisions.service';
import { RequestsService } from './requests.service';

@ApiTags('consultation requests')
@ApiBearerAuth()
@Controller('consultation-requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly decisions: RequestDecisionsService,
  ) {}

  @Post()
  @Roles('patient', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Ask for a consultation (a patient for themself, or a coordinator on behalf of a patient)',
    description: 'The patient must have given both consents (health_data, cross_border_transfer) first.',
  })
  @ApiCreatedResponse({ type: ConsultationRequestView })
  @ApiForbiddenResponse({ description: 'A consent is missing (code consent_required, missingConsents)' })
  @ApiNotFoundResponse({ description: 'Institution or patient not found (or outside your scope)' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateConsultationRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.requests.create(user, dto, ctx);
  }

  @Get()
  @Roles('patient', 'specialist', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Request inbox: coordinators see their institution (and its clinics), patients their own',
  })
  @ApiOkResponse({ type: ConsultationRequestPage })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListRequestsQuery,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestPage> {
    return this.requests.list(user, query, ctx);
  }

  @Get(':id')
  @Roles('patient', 'specialist', 'coordinator', 'admin')
  @ApiOperation({ summary: 'One request (404 when it does not exist or is outside your scope)' })
  @ApiOkResponse({ type: ConsultationRequestView })
  @ApiNotFoundResponse()
  get(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.requests.get(user, params.id, ctx);
  }

  @Post(':id/triage')
  @HttpCode(HttpStatus.OK)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Triage: assign department, specialist and urgency (status becomes triaged)' })
  @ApiOkResponse({ type: ConsultationRequestView })
  @ApiConflictResponse({ description: 'The request is already scheduled, declined or withdrawn' })
  triage(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: TriageRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.decisions.triage(user, params.id, dto, ctx);
  }

  @Post(':id/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Decline a request, with a reason shown to the patient' })
  @ApiOkResponse({ type: ConsultationRequestView })
  @ApiConflictResponse({ description: 'The request is no longer open' })
  decline(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: CloseRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.decisions.decline(user, params.id, dto, ctx);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles('patient', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Withdraw a request (the patient, or staff on their behalf)' })
  @ApiOkResponse({ type: ConsultationRequestView })
  @ApiConflictResponse({ description: 'The request is no longer open' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: WithdrawRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsultationRequestView> {
    return this.decisions.withdraw(user, params.id, dto, ctx);
  }
}
