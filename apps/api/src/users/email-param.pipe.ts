import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationError } from '../common/errors';

/** An email as a path parameter: bounded, printable, no control characters. */
@Injectable()
export class EmailParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length < 1 || value.length > 320 || /\p{Cc}/u.test(value)) {
      throw new ValidationError('email must be an email address of at most 320 characters');
    }
    return value;
  }
}
