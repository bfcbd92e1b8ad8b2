import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdParam } from '../common/id-param';
import { Ctx, type RequestContext } from '../common/request-context';
import { CreateUserDto, UpdateUserDto, UserPage, UsersQuery, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users, filtered by role, institution or a search text' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: UsersQuery): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserView })
  get(@Param() params: IdParam): Promise<UserView> {
    return this.users.get(params.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a role (the password is stored as an argon2id hash)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'The e-mail is taken' })
  create(
    @CurrentUser() admin: AuthUser,
    @Body() dto: CreateUserDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.users.create(admin, dto, ctx);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user: role, institution, profile, password, or disable (isActive false)',
  })
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentUser() admin: AuthUser,
    @Param() params: IdParam,
    @Body() dto: UpdateUserDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.users.update(admin, params.id, dto, ctx);
  }
}
