import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, notFound, Roles, ScopeService, type AuthUser } from '../auth';
import { AssignmentBoardRepository } from './assignment-board.repository';
import { InterpreterActionsService } from './interpreter-actions.service';
import { AssignmentListQueryDto, OverrideInterpreterDto } from './interpreters.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('The consultation id in the path must be a UUID'),
});

/** Coordinators: the escalation board, each consultation's assignment trail, and overrides. */
@ApiTags('interpreter assignments')
@ApiBearerAuth()
@Roles('coordinator', 'admin')
@Controller('interpreter-assignments')
export class InterpreterAssignmentsController {
  constructor(
    private readonly board: AssignmentBoardRepository,
    private readonly actions: InterpreterActionsService,
    private readonly scope: ScopeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Assignments of my institutions, optionally by state (state=escalated for the dashboard)',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: AssignmentListQueryDto) {
    return this.board.list(user, query.state);
  }

  @Get(':consultationId')
  @ApiOperation({
    summary: 'The assignment trail: who was offered, when, their answer, and why it escalated',
  })
  trail(@CurrentUser() user: AuthUser, @Param('consultationId', uuid) consultationId: string) {
    return this.board.trail(user, consultationId);
  }

  @Get(':consultationId/candidates')
  @ApiOperation({ summary: 'Qualified free interpreters for a direct assignment, best first' })
  candidates(@CurrentUser() user: AuthUser, @Param('consultationId', uuid) consultationId: string) {
    return this.board.candidates(user, consultationId);
  }

  @Put(':consultationId/interpreter')
  @HttpCode(204)
  @ApiOperation({ summary: 'Assign a qualified free interpreter directly (replaces the current one)' })
  async override(
    @CurrentUser() user: AuthUser,
    @Param('consultationId', uuid) consultationId: string,
    @Body() body: OverrideInterpreterDto,
  ): Promise<void> {
    await this.assertInScope(user, consultationId);
    await this.actions.override(user, consultationId, body.interpreterId);
  }

  @Delete(':consultationId/interpreter')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the interpreter; the automatic search restarts without them' })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('consultationId', uuid) consultationId: string,
  ): Promise<void> {
    await this.assertInScope(user, consultationId);
    await this.actions.remove(user, consultationId);
  }

  @Post(':consultationId/restart')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a fresh automatic search (e.g. after an escalation)' })
  async restart(
    @CurrentUser() user: AuthUser,
    @Param('consultationId', uuid) consultationId: string,
  ): Promise<{ status: string }> {
    await this.assertInScope(user, consultationId);
    await this.actions.restart(user, consultationId);
    return { status: 'searching' };
  }

  private async assertInScope(user: AuthUser, consultationId: string): Promise<void> {
    const [row]: { institution_id: string }[] = await this.db.query(
      `SELECT institution_id FROM consultations WHERE id = $1`,
      [consultationId],
    );
    if (!row) throw notFound('Consultation', consultationId);
    await this.scope.assertCanSeeInstitution(user, row.institution_id, 'Consultation');
  }
}
