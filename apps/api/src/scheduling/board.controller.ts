import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, ScopeService } from '../auth';
import { BoardDto, BoardQueryDto } from './board.dto';
import { BoardService } from './board.service';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('board')
export class BoardController {
  constructor(
    private readonly boards: BoardService,
    private readonly scope: ScopeService,
  ) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Day or week board across the institution’s specialists, in Shanghai time' })
  @ApiOkResponse({ type: BoardDto })
  async board(@CurrentUser() user: AuthUser, @Query() query: BoardQueryDto): Promise<BoardDto> {
    let institutionIds: string[];
    if (user.role === 'admin') {
      if (!query.institutionId) throw new BadRequestException('Administrators must give institutionId');
      institutionIds = [query.institutionId];
    } else {
      const visible = (await this.scope.visibleInstitutionIds(user)) ?? [];
      if (query.institutionId) await this.scope.assertCanSeeInstitution(user, query.institutionId);
      institutionIds = query.institutionId ? [query.institutionId] : visible;
    }
    return this.boards.board(institutionIds, query.date, query.view ?? 'day');
  }
}
