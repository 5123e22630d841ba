import type { ErrorCode } from '@vip/shared-dto';

/**
 * Domain errors. Features throw these, never framework HTTP exceptions; each carries a
 * stable `code` (the contract's `ErrorCode`), and `ApiExceptionFilter` is the one place
 * that maps codes to HTTP statuses.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is well-formed JSON but not acceptable (a bad path parameter, say). */
export class ValidationError extends DomainError {
  readonly code: ErrorCode = 'VALIDATION';
}

export class UnauthorizedError extends DomainError {
  readonly code: ErrorCode = 'UNAUTHENTICATED';
}

export class ForbiddenError extends DomainError {
  readonly code: ErrorCode = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code: ErrorCode = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly code: ErrorCode = 'CONFLICT';
}

/** A demotion or deletion that would leave no administrator. */
export class LastAdministratorError extends ConflictError {
  override readonly code: ErrorCode = 'LAST_ADMINISTRATOR';
  constructor() {
    super('At least one administrator must remain: this change would leave none');
  }
}

/** A dependency (the database) does not answer; the client may try again later. */
export class UnavailableError extends DomainError {
  readonly code: ErrorCode = 'UNAVAILABLE';
}

/** Disabling, or otherwise locking out, your own account. */
export class SelfLockoutError extends ConflictError {
  constructor() {
    super('You cannot disable your own account');
  }
}

/** A roster that cannot be imported: every row's verdict goes back to the client. */
export class InvalidImportError extends ValidationError {
  constructor(
    message: string,
    readonly rows: readonly { line: number; email: string; role: string; error?: string }[],
  ) {
    super(message);
  }
}
