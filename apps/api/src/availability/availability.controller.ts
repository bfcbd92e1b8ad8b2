import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { AvailabilityDto, CreateExceptionDto, ExceptionDto, ReplaceWeeklyRulesDto } from './availability.dto';
import { AvailabilityService } from './availability.service';

@ApiTags('availability')
@ApiBearerAuth()
@Roles('specialist', 'coordinator', 'admin')
@Controller('specialists/:specialistId/availability')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get()
  @ApiOperation({ summary: 'Weekly availability (Asia/Shanghai) and upcoming exceptions' })
  @ApiOkResponse({ type: AvailabilityDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('specialistId', new ParseUUIDPipe()) specialistId: string,
  ): Promise<AvailabilityDto> {
    return this.availability.get(user, specialistId);
  }

  @Put('rules')
  @ApiOperation({ summary: 'Replace the weekly sessions (Asia/Shanghai wall clock)' })
  @ApiOkResponse({ type: AvailabilityDto })
  replaceRules(
    @CurrentUser() user: AuthUser,
    @Param('specialistId', new ParseUUIDPipe()) specialistId: string,
    @Body() dto: ReplaceWeeklyRulesDto,
  ): Promise<AvailabilityDto> {
    return this.availability.replaceRules(user, specialistId, dto);
  }

  @Post('exceptions')
  @ApiOperation({ summary: 'Add time off or an extra session' })
  @ApiCreatedResponse({ type: ExceptionDto })
  addException(
    @CurrentUser() user: AuthUser,
    @Param('specialistId', new ParseUUIDPipe()) specialistId: string,
    @Body() dto: CreateExceptionDto,
  ): Promise<ExceptionDto> {
    return this.availability.addException(user, specialistId, dto);
  }

  @Delete('exceptions/:exceptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an exception' })
  @ApiNoContentResponse()
  removeException(
    @CurrentUser() user: AuthUser,
    @Param('specialistId', new ParseUUIDPipe()) specialistId: string,
    @Param('exceptionId', new ParseUUIDPipe()) exceptionId: string,
  ): Promise<void> {
    return this.availability.removeException(user, specialistId, exceptionId);
  }
}
