import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { ConsultationDto } from './consultations.dto';
import { StartNowDto } from './start-now.dto';
import { StartNowService } from './start-now.service';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class StartNowController {
  constructor(private readonly starts: StartNowService) {}

  @Post(':id/start-now')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Open the room before its join window (coordinators, with a reason)',
    description: 'From now on everyone in the consultation may join; recorded with who and why.',
  })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'code already_open, join_window_closed or wrong_status' })
  startNow(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 400 })) id: string,
    @Body() dto: StartNowDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConsultationDto> {
    return this.starts.startNow(user, id, dto.reason);
  }
}
