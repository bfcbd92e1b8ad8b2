import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { HolidayYearDto, LoadHolidayYearDto } from './holidays.dto';
import { HolidaysService } from './holidays.service';
import { FIRST_HOLIDAY_YEAR, holidayYear, LAST_HOLIDAY_YEAR } from './holiday-year';

const YEAR_PARAM = {
  name: 'year',
  type: String,
  example: '2027',
  description: `Four digits, ${FIRST_HOLIDAY_YEAR} to ${LAST_HOLIDAY_YEAR} (400 otherwise)`,
};

@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get(':year')
  @ApiOperation({ summary: 'The mainland holiday calendar of a year (loaded: false when missing)' })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: HolidayYearDto })
  @ApiBadRequestResponse({ description: 'The year is not 4 digits from 2000 to 2200' })
  get(@Param('year') year: string): Promise<HolidayYearDto> {
    return this.holidays.year(holidayYear(year));
  }

  @Put(':year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Load (replace) a year’s mainland holiday calendar from the State Council notice',
    description:
      'Holidays and make-up working days (调休); for each make-up day, the weekday whose schedule applies.',
  })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: HolidayYearDto })
  @ApiBadRequestResponse({
    description: 'The year is not 4 digits from 2000 to 2200, or a day is not {date, kind, nameZh, nameEn}',
  })
  load(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @Body() dto: LoadHolidayYearDto,
  ): Promise<HolidayYearDto> {
    return this.holidays.load(user, holidayYear(year), dto);
  }
}
