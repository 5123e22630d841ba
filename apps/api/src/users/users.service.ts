import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_PAGE_SIZE, Role, type Page, type User } from '@vip/shared-dto';
import { ForbiddenError, LastAdministratorError, NotFoundError } from '../common/errors';
import { toUser } from './user.mapper';
import { UsersRepository, type Identity, type UserListCriteria } from './users.repository';

/** The rules about people: who becomes administrator, and that one always remains. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async findById(id: string): Promise<User | undefined> {
    const row = await this.users.findById(id);
    return row && toUser(row);
  }

  async get(email: string): Promise<User> {
    const row = await this.users.findByEmail(email);
    if (!row) throw new NotFoundError('No user has this email');
    return toUser(row);
  }

  async list(criteria: Partial<UserListCriteria>): Promise<Page<User>> {
    const page = criteria.page ?? 1;
    const pageSize = criteria.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.users.list({ ...criteria, page, pageSize });
    return { items: rows.map(toUser), total, page, pageSize };
  }

  /**
   * Signs in an identity: refreshes the known account, or creates one. Only creation
   * takes the administrators lock, so the first account (and only it) becomes
   * administrator even when many first sign-ins race, across processes.
   */
  async signIn(identity: Identity): Promise<{ user: User; created: boolean }> {
    const known = await this.users.touchSignIn(identity);
    if (known) return { user: toUser(known), created: false };
    return this.users.withAdministratorsLock(async (tx) => {
      // Another request may have created this account while we waited for the lock.
      const raced = await this.users.touchSignIn(identity, tx);
      if (raced) return { user: toUser(raced), created: false };
      return { user: toUser(await this.users.insertSignedIn(tx, identity)), created: true };
    });
  }

  async updateRole(actor: User, email: string, role: Role): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.users.lockByEmail(tx, email);
      if (!target) throw new NotFoundError('No user has this email');
      if (target.role === role) return toUser(target);
      if (target.role === Role.Administrator && (await this.users.countAdministrators(tx)) <= 1) {
        throw new LastAdministratorError();
      }
      return toUser(await this.users.updateRole(tx, target.id, role));
    });
  }

  async delete(actor: User, email: string): Promise<void> {
    await this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.users.lockByEmail(tx, email);
      if (!target) throw new NotFoundError('No user has this email');
      if (target.role === Role.Administrator && (await this.users.countAdministrators(tx)) <= 1) {
        throw new LastAdministratorError();
      }
      await this.users.delete(tx, target.id);
    });
  }

  /** The actor was checked when the request began; under the lock, check again. */
  private async assertStillAdministrator(tx: EntityManager, actor: User): Promise<void> {
    if ((await this.users.roleOf(tx, actor.id)) !== Role.Administrator) {
      throw new ForbiddenError('Only administrators may manage users');
    }
  }
}
