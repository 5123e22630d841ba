import { Role, UserStatus, type User } from '@vip/shared-dto';
import type { Transaction } from '../database/database';
import { ForbiddenError, LastAdministratorError, NotFoundError, SelfLockoutError } from '../common/errors';
import type { UserRow } from './user.mapper';
import type { AuditService } from '../audit/audit.service';
import type { SessionsRepository } from '../auth/sessions.repository';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

let sequence = 0;
function aRow(overrides: Partial<UserRow> = {}): UserRow {
  sequence += 1;
  const at = new Date('2026-11-01T10:00:00Z');
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    email: `person${sequence}@example.com`,
    name: `Person ${sequence}`,
    picture: null,
    role: Role.Coordinator,
    provider: 'google',
    created_at: at,
    updated_at: at,
    last_sign_in_at: null,
    status: UserStatus.Active,
    ...overrides,
  };
}

/** An in-memory stand-in for the repository: the service's rules are under test. */
function fakeRepository(rows: UserRow[]) {
  const tx = {} as Transaction;
  const byEmail = (email: string) => rows.find((row) => row.email === email.toLowerCase());
  const repository = {
    withAdministratorsLock: jest.fn(<T>(work: (manager: Transaction) => Promise<T>) => work(tx)),
    lockByEmail: jest.fn(async (_tx: Transaction, email: string) => byEmail(email)),
    isActiveAdministrator: jest.fn(async (_tx: Transaction, id: string) =>
      rows.some((row) => row.id === id && activeAdministrator(row)),
    ),
    countActiveAdministrators: jest.fn(async () => rows.filter(activeAdministrator).length),
    setStatus: jest.fn(async (_tx: Transaction, id: string, status: UserStatus) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      row.status = status;
      return row;
    }),
    updateRole: jest.fn(async (_tx: Transaction, id: string, role: Role) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      row.role = role;
      return row;
    }),
    delete: jest.fn(async (_tx: Transaction, id: string) => {
      rows.splice(
        rows.findIndex((row) => row.id === id),
        1,
      );
    }),
    findByEmail: jest.fn(async (email: string) => byEmail(email)),
  };
  return repository;
}

const activeAdministrator = (row: UserRow) => row.role === Role.Administrator && row.status === UserStatus.Active;

const fakeSessions = () => ({ revokeAll: jest.fn(async () => 2) });

/** Records what would be written, in the transaction it would be written with. */
function fakeAudit() {
  return { recordUserEvent: jest.fn(async () => undefined) };
}

const asUser = (row: UserRow): User => ({ ...row, createdAt: '', updatedAt: '', lastSignInAt: null });

describe('UsersService', () => {
  let recorder: ReturnType<typeof fakeAudit>;
  let audit: AuditService;
  beforeEach(() => {
    recorder = fakeAudit();
    audit = recorder as unknown as AuditService;
  });

  it('refuses to demote the last administrator', async () => {
    const admin = aRow({ role: Role.Administrator });
    const service = new UsersService(
      fakeRepository([admin]) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(service.updateRole(asUser(admin), admin.email, Role.Coordinator)).rejects.toBeInstanceOf(
      LastAdministratorError,
    );
    expect(admin.role).toBe(Role.Administrator);
    expect(recorder.recordUserEvent).not.toHaveBeenCalled();
  });

  it('refuses to delete the last administrator', async () => {
    const admin = aRow({ role: Role.Administrator });
    const rows = [admin];
    const service = new UsersService(
      fakeRepository(rows) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(service.delete(asUser(admin), admin.email)).rejects.toBeInstanceOf(LastAdministratorError);
    expect(rows).toHaveLength(1);
  });

  it('demotes an administrator when another remains, under the lock', async () => {
    const first = aRow({ role: Role.Administrator });
    const second = aRow({ role: Role.Administrator });
    const repository = fakeRepository([first, second]);
    const service = new UsersService(
      repository as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    const updated = await service.updateRole(asUser(first), second.email.toUpperCase(), Role.Driver);
    expect(updated.role).toBe(Role.Driver);
    expect(repository.withAdministratorsLock).toHaveBeenCalledTimes(1);
    expect(recorder.recordUserEvent).toHaveBeenCalledTimes(1);
    expect(recorder.recordUserEvent).toHaveBeenCalledWith(
      expect.anything(),
      'user.role_changed',
      expect.objectContaining({ id: first.id }),
      expect.objectContaining({ id: second.id }),
      { before: { role: Role.Administrator }, after: { role: Role.Driver } },
      {},
    );
  });

  it('refuses an actor who is no longer administrator when the lock is taken', async () => {
    const demoted = aRow({ role: Role.Coordinator });
    const target = aRow();
    const service = new UsersService(
      fakeRepository([demoted, target]) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(
      service.updateRole(asUser({ ...demoted, role: Role.Administrator }), target.email, Role.Driver),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(target.role).toBe(Role.Coordinator);
  });

  it('answers NotFound for an unknown email', async () => {
    const admin = aRow({ role: Role.Administrator });
    const service = new UsersService(
      fakeRepository([admin]) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(service.get('nobody@example.com')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.delete(asUser(admin), 'nobody@example.com')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('leaves a role change to the same role alone', async () => {
    const admin = aRow({ role: Role.Administrator });
    const repository = fakeRepository([admin]);
    const service = new UsersService(
      repository as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(service.updateRole(asUser(admin), admin.email, Role.Administrator)).resolves.toMatchObject({
      role: Role.Administrator,
    });
    expect(repository.updateRole).not.toHaveBeenCalled();
  });

  it('counts only active administrators: a disabled one does not keep the last one removable', async () => {
    const admin = aRow({ role: Role.Administrator });
    const disabled = aRow({ role: Role.Administrator, status: UserStatus.Disabled });
    const service = new UsersService(
      fakeRepository([admin, disabled]) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await expect(service.updateRole(asUser(disabled), admin.email, Role.Driver)).rejects.toBeInstanceOf(ForbiddenError);
    const other = aRow({ role: Role.Administrator });
    const service2 = new UsersService(
      fakeRepository([admin, disabled, other]) as unknown as UsersRepository,
      fakeSessions() as unknown as SessionsRepository,
      audit,
    );
    await service2.disable(asUser(other), admin.email);
    await expect(service2.updateRole(asUser(other), other.email, Role.Driver)).rejects.toBeInstanceOf(
      LastAdministratorError,
    );
  });

  it('refuses to disable yourself, and disabling ends the sessions in the same transaction', async () => {
    const admin = aRow({ role: Role.Administrator });
    const target = aRow();
    const sessions = fakeSessions();
    const service = new UsersService(
      fakeRepository([admin, target]) as unknown as UsersRepository,
      sessions as unknown as SessionsRepository,
      audit,
    );
    await expect(service.disable(asUser(admin), admin.email)).rejects.toBeInstanceOf(SelfLockoutError);
    const disabled = await service.disable(asUser(admin), target.email);
    expect(disabled.status).toBe(UserStatus.Disabled);
    expect(sessions.revokeAll).toHaveBeenCalledWith(expect.anything(), target.id);
    expect(recorder.recordUserEvent).toHaveBeenCalledWith(
      expect.anything(),
      'user.disabled',
      expect.objectContaining({ id: admin.id }),
      expect.objectContaining({ id: target.id }),
      { before: { status: 'active' }, after: { status: 'disabled' }, sessionsRevoked: 2 },
      {},
    );
  });
});
