import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
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
import { AuthUser, CurrentUser, Roles } from '../auth';
import { GuestEnvelopeDto, GuestListDto, InviteGuestDto } from './guests.dto';
import { GuestsService } from './guests.service';

const uuid = (what: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${what} must be a UUID`) });

@ApiTags('guests')
@ApiBearerAuth()
@Controller('consultations/:id/guests')
@Roles('patient', 'specialist', 'coordinator')
@ApiForbiddenResponse({ description: 'Interpreters and administrators do not invite guests' })
@ApiNotFoundResponse({ description: 'No such consultation, or not yours to manage' })
export class GuestsController {
  constructor(private readonly guests: GuestsService) {}

  @Post()
  @ApiOperation({
    summary: 'Invite a guest (family member) to the call',
    description:
      'At most 3 guests at a time. With an e-mail address the invitation is sent in the guest’s language; the answer carries the personal link (inviteUrl) to share otherwise.',
  })
  @ApiCreatedResponse({ type: GuestEnvelopeDto })
  @ApiConflictResponse({ description: 'The consultation is finished, or already has 3 guests' })
  async invite(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('consultation id')) id: string,
    @Body() dto: InviteGuestDto,
  ): Promise<GuestEnvelopeDto> {
    return { guest: await this.guests.invite(user, id, dto) };
  }

  @Get()
  @ApiOperation({
    summary: 'The guests invited to this consultation, oldest first (withdrawn ones included)',
  })
  @ApiOkResponse({ type: GuestListDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('consultation id')) id: string,
  ): Promise<GuestListDto> {
    return { guests: await this.guests.list(user, id) };
  }

  @Delete(':guestId')
  @ApiOperation({
    summary: 'Withdraw an invitation: the link stops working at once (repeating it is harmless)',
  })
  @ApiOkResponse({ type: GuestEnvelopeDto })
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('consultation id')) id: string,
    @Param('guestId', uuid('guest id')) guestId: string,
  ): Promise<GuestEnvelopeDto> {
    return { guest: await this.guests.revoke(user, id, guestId) };
  }
}
