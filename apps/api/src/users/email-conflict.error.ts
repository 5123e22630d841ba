import { ConflictError } from '../common/errors';

/** A sign-in whose email another account (another provider subject) already holds. */
export class EmailConflictError extends ConflictError {
  constructor() {
    super('Another account already uses this email address');
  }
}
