import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { Ctx, type RequestContext } from '../common/request-context';
import { IdParam } from '../common/id-param';
import { NotesDto, SaveNotesDto } from './notes.dto';
import { NotesService } from './notes.service';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @Roles('specialist', 'coordinator', 'admin')
  @ApiOperation({ summary: 'The specialist’s clinical notes (care team only; every read is audited)' })
  @ApiOkResponse({ type: NotesDto })
  read(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Ctx() ctx: RequestContext,
  ): Promise<NotesDto> {
    return this.notes.read(user, params.id, ctx);
  }

  @Put()
  @Roles('specialist')
  @ApiOperation({
    summary: 'Write or replace the notes, once the call has started (the consultation’s specialist only)',
  })
  @ApiOkResponse({ type: NotesDto })
  save(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: SaveNotesDto,
    @Ctx() ctx: RequestContext,
  ): Promise<NotesDto> {
    return this.notes.save(user, params.id, dto.body, ctx);
  }
}
