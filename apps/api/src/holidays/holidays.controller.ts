import { BadRequestException, Body, Controller, Get, Param, PipeTransform, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { HolidayYearDto, LoadHolidayYearDto } from './holidays.dto';
import { HolidaysService } from './holidays.service';

/** A calendar year between 2000 and 2100, as the path segment gives it. */
class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
      throw new BadRequestException(
        `year must be a year between 2000 and 2100, such as 2027 (got "${value}")`,
      );
    }
    return Number(value);
  }
}
const yearPipe = new YearPipe();

@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get(':year')
  @ApiOperation({ summary: 'The mainland holiday calendar of a year (loaded: false when missing)' })
  @ApiOkResponse({ type: HolidayYearDto })
  get(@Param('year', yearPipe) year: number): Promise<HolidayYearDto> {
    return this.holidays.year(year);
  }

  @Put(':year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Load (replace) a year’s mainland holiday calendar from the State Council notice',
    description:
      'Holidays and make-up working days (调休); for each make-up day, the weekday whose schedule applies.',
  })
  @ApiOkResponse({ type: HolidayYearDto })
  load(
    @CurrentUser() user: AuthUser,
    @Param('year', yearPipe) year: number,
    @Body() dto: LoadHolidayYearDto,
  ): Promise<HolidayYearDto> {
    return this.holidays.load(user, year, dto);
  }
}
