import { DatabaseError } from 'pg';

/** SQLSTATEs that mean "the database cannot serve this now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * True when `error` says the database is unreachable, the pool is exhausted, or a
 * statement or lock waited too long: the request may succeed if retried later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseError)
    return UNAVAILABLE_CODES.has(error.code ?? '') || (error.code ?? '').startsWith('08');
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // pg and pg-pool say these in words only.
  return /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    error.message,
  );
}
