import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JoinResponse } from '@yiqiao/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { VideoJoinService } from './video-join.service';

@ApiTags('video')
@ApiBearerAuth()
@Controller('consultations')
export class VideoController {
  constructor(private readonly joins: VideoJoinService) {}

  @Post(':id/join')
  @HttpCode(200)
  @Roles('patient', 'specialist', 'interpreter', 'coordinator')
  @ApiOperation({
    summary: 'Join the video call',
    description:
      'Returns the SFU node URL, a join token valid for about two minutes (socket.io handshake auth.token, with auth.consultationId) and TURN credentials.',
  })
  @ApiOkResponse({ description: '{ sfuUrl, namespace, token, expiresAt, iceServers }' })
  join(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 400 })) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<JoinResponse> {
    return this.joins.mintJoin(id, user);
  }
}
