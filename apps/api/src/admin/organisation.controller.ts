import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../common/request-context';
import { IdParam } from '../common/id-param';
import {
  CreateDepartmentDto,
  CreateInstitutionDto,
  DepartmentsQuery,
  UpdateDepartmentDto,
  UpdateInstitutionDto,
} from './organisation.dto';
import { DepartmentView, InstitutionView } from './organisation.view';
import { OrganisationService } from './organisation.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get('institutions')
  @ApiOperation({ summary: 'All institutions' })
  @ApiOkResponse({ type: [InstitutionView] })
  listInstitutions(): Promise<InstitutionView[]> {
    return this.organisation.listInstitutions();
  }

  @Post('institutions')
  @ApiOperation({ summary: 'Create an institution (hospital, clinic or overseas partner)' })
  @ApiCreatedResponse({ type: InstitutionView })
  createInstitution(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateInstitutionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<InstitutionView> {
    return this.organisation.createInstitution(user, dto, ctx);
  }

  @Patch('institutions/:id')
  @ApiOperation({ summary: 'Change an institution (its code is fixed)' })
  @ApiOkResponse({ type: InstitutionView })
  updateInstitution(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: UpdateInstitutionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<InstitutionView> {
    return this.organisation.updateInstitution(user, params.id, dto, ctx);
  }

  @Get('departments')
  @ApiOperation({ summary: 'Departments, optionally of one institution' })
  @ApiOkResponse({ type: [DepartmentView] })
  listDepartments(@Query() query: DepartmentsQuery): Promise<DepartmentView[]> {
    return this.organisation.listDepartments(query.institutionId);
  }

  @Post('departments')
  @ApiOperation({ summary: 'Create a department of an institution' })
  @ApiCreatedResponse({ type: DepartmentView })
  createDepartment(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateDepartmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DepartmentView> {
    return this.organisation.createDepartment(user, dto, ctx);
  }

  @Patch('departments/:id')
  @ApiOperation({ summary: 'Change a department' })
  @ApiOkResponse({ type: DepartmentView })
  updateDepartment(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() dto: UpdateDepartmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DepartmentView> {
    return this.organisation.updateDepartment(user, params.id, dto, ctx);
  }
}
