import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../common/request-context';
import { CONSENT_KINDS, ConsentKindParam, ConsentView, GrantConsentDto, MyConsentsView } from './consent.dto';
import { ConsentsService } from './consents.service';

@ApiTags('consents')
@ApiBearerAuth()
@Roles('patient')
@Controller('consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Give a consent (records time, policy version, language, IP address and browser)',
  })
  @ApiCreatedResponse({ type: ConsentView })
  grant(
    @CurrentUser() user: AuthUser,
    @Body() dto: GrantConsentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ConsentView> {
    return this.consents.grant(user, dto, ctx);
  }

  @Get('me')
  @ApiOperation({ summary: 'My consents: history, kinds in force and kinds still missing' })
  @ApiOkResponse({ type: MyConsentsView })
  mine(@CurrentUser() user: AuthUser): Promise<MyConsentsView> {
    return this.consents.mine(user.id);
  }

  @Delete(':kind')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'kind', enum: CONSENT_KINDS })
  @ApiOperation({ summary: 'Withdraw a consent; no new medical data can be submitted afterwards' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiNotFoundResponse({ description: 'No consent of that kind is in force' })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param() params: ConsentKindParam,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    await this.consents.withdraw(user, params.kind, ctx);
  }
}
