import { Injectable } from '@nestjs/common';
import type { ApiToken, CreateApiTokenRequest, CreatedApiToken, User } from '@vip/shared-dto';
import { AuditService } from '../audit/audit.service';
import type { ApiTokenCaller } from '../auth/auth-request';
import { NotFoundError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { Database } from '../database/database';
import { toUser } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { ApiTokenSecrets } from './api-token-secrets';
import { toApiToken } from './api-token.mapper';
import { ApiTokensRepository } from './api-tokens.repository';

/** Who an API token speaks for: the administrator who created it, limited to the token's scopes. */
export interface ApiTokenAuthentication {
  user: User;
  token: ApiTokenCaller;
}

/**
 * Service credentials for integrations. The secret is shown once, at creation; the
 * database keeps its SHA-256 hash. A token works while it is neither revoked nor expired
 * and its creator is still an active administrator: it never outlives the authority it
 * was made with.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly secrets: ApiTokenSecrets,
    private readonly people: UsersService,
    private readonly audit: AuditService,
    private readonly db: Database,
  ) {}

  async list(): Promise<ApiToken[]> {
    return (await this.tokens.list()).map(toApiToken);
  }

  async create(actor: User, request: CreateApiTokenRequest, context: RequestContext = {}): Promise<CreatedApiToken> {
    const { secret, prefix, hash } = this.secrets.generate();
    const scopes = [...new Set(request.scopes)];
    return this.db.transaction(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      const row = await this.tokens.insert(tx, {
        name: request.name.trim(),
        prefix,
        hash,
        scopes,
        createdBy: actor.id,
        expiresInDays: request.expiresInDays ?? null,
      });
      const token = toApiToken(row);
      await this.audit.record(
        tx,
        {
          action: 'token.created',
          actorId: actor.id,
          actorEmail: actor.email,
          details: {
            tokenId: token.id,
            after: { name: token.name, prefix: token.prefix, scopes: token.scopes, expiresAt: token.expiresAt },
          },
        },
        context,
      );
      return { token, secret };
    });
  }

  /** Revoked tokens stay listed (with `revokedAt`); the next request with one gets 401, on every instance. */
  async revoke(actor: User, id: string, context: RequestContext = {}): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      const token = await this.tokens.lock(tx, id);
      if (!token) throw new NotFoundError('No API token has this id');
      if (token.revoked_at) return;
      await this.tokens.revoke(tx, id);
      await this.audit.record(
        tx,
        {
          action: 'token.revoked',
          actorId: actor.id,
          actorEmail: actor.email,
          details: { tokenId: id, name: token.name, prefix: token.prefix },
        },
        context,
      );
    });
  }

  /** The caller behind a `vipc_…` bearer, or `undefined` (unknown, malformed, revoked, expired, creator gone). */
  async authenticate(bearer: string): Promise<ApiTokenAuthentication | undefined> {
    const hash = this.secrets.hashOf(bearer);
    if (!hash) return undefined;
    const row = await this.tokens.findCaller(hash);
    if (!this.secrets.matches(row?.token_hash, hash) || !row) return undefined;
    if (row.token_use_stale) await this.tokens.markUsed(row.token_id);
    return {
      user: toUser(row),
      token: { id: row.token_id, name: row.token_name, prefix: row.token_prefix, scopes: row.token_scopes },
    };
  }
}
