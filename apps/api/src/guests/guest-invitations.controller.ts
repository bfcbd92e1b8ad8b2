import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { JoinResponse } from '@yiqiao/contracts';
import { Public } from '../auth';
import { Ctx, type RequestContext } from '../common/request-context';
import { GuestInvitationDto } from './guests.dto';
import { GuestInvitationsService, INVALID_LINK_MESSAGE } from './guest-invitations.service';
import { GuestLinkRateLimiter } from './guest-link-rate-limiter';

/** The guest's side, reached through their personal link: no account, the link is the credential. */
@ApiTags('guests')
@Controller('guest-invitations/:token')
@ApiNotFoundResponse({ description: INVALID_LINK_MESSAGE })
@ApiGoneResponse({ description: 'The consultation is over or was cancelled' })
@ApiTooManyRequestsResponse({ description: 'Too many requests; see the Retry-After header' })
export class GuestInvitationsController {
  constructor(
    private readonly invitations: GuestInvitationsService,
    private readonly limiter: GuestLinkRateLimiter,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'What an invite link is for: the guest, the consultation (no medical data), joinable or not',
  })
  @ApiOkResponse({ type: GuestInvitationDto })
  async describe(@Param('token') token: string, @Ctx() ctx: RequestContext): Promise<GuestInvitationDto> {
    await this.limiter.hit(ctx.ip);
    return this.invitations.describe(token);
  }

  @Public()
  @Post('join')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Join the call as a guest',
    description:
      'Same answer as POST /consultations/{id}/join, with call role "guest": the guest waits until the specialist or coordinator lets them in.',
  })
  @ApiOkResponse({ description: '{ sfuUrl, namespace, token, expiresAt, iceServers }' })
  async join(@Param('token') token: string, @Ctx() ctx: RequestContext): Promise<JoinResponse> {
    await this.limiter.hit(ctx.ip);
    return this.invitations.join(token);
  }
}
