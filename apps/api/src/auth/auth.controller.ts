import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import type { AuthUser } from './auth-user';
import { LoginDto, LoginView, LogoutDto, MeView, RefreshDto, TokensView } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in with e-mail and password; returns an access and a refresh token' })
  @ApiOkResponse({ type: LoginView })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiForbiddenResponse({ description: 'The account is disabled' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see the Retry-After header' })
  login(@Body() dto: LoginDto, @Ctx() ctx: RequestContext): Promise<LoginView> {
    return this.auth.login(dto.email, dto.password, ctx);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Exchange a refresh token for a new pair (the old one stops working; reusing it ends the session)',
  })
  @ApiOkResponse({ type: TokensView })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or reused refresh token' })
  refresh(@Body() dto: RefreshDto, @Ctx() ctx: RequestContext): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken, ctx);
  }

  @Post('auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session (or every session) of the caller' })
  async logout(
    @CurrentUser() user: AuthUser,
    @Body() dto: LogoutDto,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    await this.auth.logout(user, dto.allSessions ?? false, ctx);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.auth.me(user);
  }
}
