import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { INPUT_LIMITS } from './input-limits';
import { findTextProblem, type TextLimits } from './text-hygiene';

const BODY: TextLimits = { maxString: INPUT_LIMITS.maxBodyString, maxDepth: INPUT_LIMITS.maxJsonDepth };
const URL_PART: TextLimits = { maxString: INPUT_LIMITS.maxQueryString, maxDepth: 4 };

/**
 * Global, before validation: every body, query string and route parameter is refused with a 400
 * naming the field when it holds text PostgreSQL or a validator cannot take (NUL, unpaired
 * surrogates), an oversized string or key, or nesting beyond the limit. Custom parameters
 * (the current user, request context) come from the server and are not checked.
 */
@Injectable()
export class TextHygienePipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.data ?? (metadata.type === 'body' ? 'body' : metadata.type);
    const problem = findTextProblem(value, root, metadata.type === 'body' ? BODY : URL_PART);
    if (problem) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [problem] });
    }
    return value;
  }
}
