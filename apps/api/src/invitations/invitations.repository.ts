import { Injectable } from '@nestjs/common';
import type { InvitationSort, InvitationSortField, InvitationState, Role } from '@vip/shared-dto';
import { Database, type Sql, type Transaction } from '../database/database';
import { INVITATION_COLUMNS, type InvitationRow } from './invitation.mapper';

export interface InvitationListCriteria {
  page: number;
  pageSize: number;
  search?: string;
  state?: InvitationState;
  sort?: InvitationSort;
}

export interface NewInvitation {
  email: string;
  role: Role;
  name: string | null;
}

const SORT_COLUMNS: Record<InvitationSortField, string> = {
  email: 'i.email',
  createdAt: 'i.created_at',
  expiresAt: 'i.expires_at',
};

/** Each state as a condition; the open ones match the partial indexes' predicates. */
const STATE_CONDITIONS: Record<InvitationState, string> = {
  pending: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()',
  expired: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now()',
  accepted: 'i.accepted_at IS NOT NULL',
  revoked: 'i.revoked_at IS NOT NULL',
};

const FROM = 'FROM invitations i LEFT JOIN users u ON u.id = i.invited_by';

/** All SQL about invitations. Rows come back as `InvitationRow`; the service maps them. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: Database) {}

  async list(criteria: InvitationListCriteria): Promise<{ rows: InvitationRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (criteria.search) {
      // Emails are stored lower-cased: LIKE on the lower-cased fragment uses the trigram index.
      params.push(`%${escapeLike(criteria.search.toLowerCase())}%`);
      where.push(`i.email LIKE $${params.length}`);
    }
    if (criteria.state) where.push(STATE_CONDITIONS[criteria.state]);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sort = criteria.sort ?? '-createdAt';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as InvitationSortField];
    const direction = descending ? 'DESC' : 'ASC';
    const countParams = [...params];
    params.push(criteria.pageSize, (criteria.page - 1) * criteria.pageSize);
    const [rows, count] = await Promise.all([
      this.db.query<InvitationRow>(
        `SELECT ${INVITATION_COLUMNS} ${FROM} ${filter}
          ORDER BY ${column} ${direction}, i.id ${direction} LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM invitations i ${filter}`, countParams),
    ]);
    return { rows, total: count[0].total };
  }

  async get(tx: Sql, id: string): Promise<InvitationRow | undefined> {
    const rows = await tx.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} ${FROM} WHERE i.id = $1`, [id]);
    return rows[0];
  }

  /** The invitation, locked for a change; `state` as of now. */
  async lock(tx: Transaction, id: string): Promise<InvitationRow | undefined> {
    const rows = await tx.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} ${FROM} WHERE i.id = $1 FOR UPDATE OF i`, [
      id,
    ]);
    return rows[0];
  }

  /** The newest live (pending, unexpired) invitation of this email, locked for acceptance. */
  async lockLive(tx: Transaction, email: string): Promise<InvitationRow | undefined> {
    const rows = await tx.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} ${FROM}
        WHERE i.email = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC LIMIT 1 FOR UPDATE OF i`,
      [email.toLowerCase()],
    );
    return rows[0];
  }

  /** Which of these (lower-cased) emails have a live invitation. */
  async liveEmails(tx: Sql, emails: readonly string[]): Promise<Set<string>> {
    const rows = await tx.query<{ email: string }>(
      `SELECT DISTINCT email FROM invitations
        WHERE email = ANY($1::varchar[]) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [emails],
    );
    return new Set(rows.map((row) => row.email));
  }

  /** Writes the invitations in one statement; answers them in the order given. */
  async insert(
    tx: Transaction,
    invitations: readonly NewInvitation[],
    invitedBy: string,
    expiresInDays: number,
  ): Promise<InvitationRow[]> {
    return tx.query<InvitationRow>(
      `WITH given AS (
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) WITH ORDINALITY AS g (email, role, name, ordinal)
       ), created AS (
         INSERT INTO invitations (email, role, name, invited_by, expires_at)
         SELECT email, role, name, $4, now() + make_interval(days => $5) FROM given ORDER BY ordinal
         RETURNING *
       )
       SELECT ${INVITATION_COLUMNS} FROM created i LEFT JOIN users u ON u.id = i.invited_by
         JOIN given g ON g.email = i.email
        ORDER BY g.ordinal`,
      [
        invitations.map((i) => i.email),
        invitations.map((i) => i.role),
        invitations.map((i) => i.name),
        invitedBy,
        expiresInDays,
      ],
    );
  }

  async revoke(tx: Transaction, id: string): Promise<InvitationRow> {
    return this.close(tx, id, 'revoked_at');
  }

  async accept(tx: Transaction, id: string): Promise<InvitationRow> {
    return this.close(tx, id, 'accepted_at');
  }

  private async close(tx: Transaction, id: string, column: 'revoked_at' | 'accepted_at'): Promise<InvitationRow> {
    const rows = await tx.query<InvitationRow>(
      `WITH closed AS (UPDATE invitations SET ${column} = now() WHERE id = $1 RETURNING *)
       SELECT ${INVITATION_COLUMNS} FROM closed i LEFT JOIN users u ON u.id = i.invited_by`,
      [id],
    );
    return rows[0];
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
