/**
 * Domain errors. Services throw these; `ApiExceptionFilter` is the one place that maps
 * them to HTTP statuses.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

/** A demotion or deletion that would leave no administrator. */
export class LastAdministratorError extends ConflictError {
  constructor() {
    super('At least one administrator must remain: this change would leave none');
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}
