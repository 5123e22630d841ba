import type { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import {
  aPage,
  anApiError,
  anAuditEvent,
  aSignInSession,
} from '../../testing/factories';
import { ada, grace, UsersPageDriver } from '../../testing/users-page-driver';

/** What an administrator does to a person in the People table (UserActions, RoleSelect). */
describe('UserActions on the People table', () => {
  const people = new UsersPageDriver();

  afterEach(() => people.backend.verify());

  describe('changing a role', () => {
    it('updates the row at once and sends PATCH with the new role', async () => {
      await people.open('/users');
      const select = await people.rowRole(grace);
      await select.clickOptions({ text: 'Coordinator' });

      expect(await select.getValueText()).toBe('Coordinator');
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com/role',
      );
      expect(req.request.method).toBe('PATCH');
      expect(req.request.body).toEqual({ role: 'coordinator' });
      req.flush({ ...grace, role: Role.Coordinator });
      await people.harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Coordinator');
      expect(await people.snackBarMessage()).toBe(
        'Grace Hopper is now coordinator.',
      );
    });

    it('rolls back and explains when the last administrator would be demoted (409)', async () => {
      await people.open('/users');
      const select = await people.rowRole(ada);
      await select.clickOptions({ text: 'Driver' });
      expect(await select.getValueText()).toBe('Driver');

      people.backend
        .expectOne('/api/auth/users/ada%40example.com/role')
        .flush(
          anApiError(
            409,
            'The last administrator cannot be demoted',
            'Conflict',
          ),
          {
            status: 409,
            statusText: 'Conflict',
          },
        );
      await people.harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Administrator');
      expect(await people.snackBarMessage()).toBe(
        "Cannot change Ada's role: at least one administrator must remain.",
      );
    });

    it("rolls back and shows the server's message for other failures", async () => {
      await people.open('/users');
      const select = await people.rowRole(grace);
      await select.clickOptions({ text: 'Administrator' });
      people.backend
        .expectOne('/api/auth/users/grace%40example.com/role')
        .flush(anApiError(404, 'No user with that email'), {
          status: 404,
          statusText: 'Not Found',
        });
      await people.harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Driver');
      expect(await people.snackBarMessage()).toBe(
        "Cannot change Grace's role: No user with that email",
      );
    });
  });

  describe('deleting a person', () => {
    async function openDeleteDialog(user: User) {
      await people.menuItem(user, 'Delete');
      return people.documentLoader.getHarness(MatDialogHarness);
    }

    it('names the person and deletes nothing when cancelled', async () => {
      await people.open('/users');
      const dialog = await openDeleteDialog(ada);
      expect(await dialog.getTitleText()).toBe('Delete Ada Lovelace?');
      expect(await dialog.getContentText()).toContain(
        'Delete Ada Lovelace (ada@example.com)?',
      );

      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))
      ).click();
      await people.harness.fixture.whenStable();
      expect(
        await people.documentLoader.getAllHarnesses(MatDialogHarness),
      ).toHaveLength(0);
      people.backend.expectNone((req) => req.method === 'DELETE');
    });

    it('deletes only after confirmation, then reloads the page', async () => {
      await people.open('/users');
      const dialog = await openDeleteDialog(grace);
      people.backend.expectNone((req) => req.method === 'DELETE');

      const confirm = (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Delete' }))
      ).click();
      await confirm;
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com',
      );
      expect(req.request.method).toBe('DELETE');
      req.flush(null, { status: 204, statusText: 'No Content' });

      await people.respond(await people.nextList(), aPage([ada]));
      const rows = await (
        await people.loader.getHarness(MatTableHarness)
      ).getCellTextByColumnName();
      expect(rows['name'].text).toEqual(['Ada Lovelace']);
    });

    it('explains a refusal to delete the last administrator', async () => {
      await people.open('/users');
      const dialog = await openDeleteDialog(ada);
      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Delete' }))
      ).click();
      people.backend
        .expectOne('/api/auth/users/ada%40example.com')
        .flush(anApiError(409, 'Conflict'), {
          status: 409,
          statusText: 'Conflict',
        });
      await people.harness.fixture.whenStable();

      expect(await people.snackBarMessage()).toBe(
        'Cannot delete Ada Lovelace: at least one administrator must remain.',
      );
      people.backend.expectNone((req) => req.url === '/api/auth/users');
    });
  });

  describe('disabling, enabling and signing out', () => {
    it('disables only after a confirmation naming the person, and shows the new status', async () => {
      await people.open('/users');
      await people.menuItem(grace, 'Disable');
      const dialog = await people.documentLoader.getHarness(MatDialogHarness);
      expect(await dialog.getTitleText()).toBe('Disable Grace Hopper?');
      expect(await dialog.getContentText()).toContain('grace@example.com');
      people.backend.expectNone((req) => req.method === 'POST');
      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Disable' }))
      ).click();
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com/disable',
      );
      expect(req.request.method).toBe('POST');
      req.flush({ ...grace, status: 'disabled' });
      await people.harness.fixture.whenStable();
      const rows = await (
        await people.loader.getHarness(MatTableHarness)
      ).getCellTextByColumnName();
      expect(rows['status'].text).toEqual(['Active', 'Disabled']);
      expect(await people.snackBarMessage()).toBe('Grace Hopper was disabled.');
    });

    it('offers Enable for a disabled person and enables at once', async () => {
      await people.open(
        '/users',
        aPage([ada, { ...grace, status: 'disabled' }]),
      );
      await people.menuItem(grace, 'Enable');
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com/enable',
      );
      req.flush({ ...grace, status: 'active' });
      await people.harness.fixture.whenStable();
      expect(await people.snackBarMessage()).toBe('Grace Hopper was enabled.');
    });

    it('explains a refusal to disable yourself', async () => {
      await people.open('/users');
      await people.menuItem(ada, 'Disable');
      const dialog = await people.documentLoader.getHarness(MatDialogHarness);
      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Disable' }))
      ).click();
      people.backend
        .expectOne('/api/auth/users/ada%40example.com/disable')
        .flush(anApiError(409, 'Conflict', 'Conflict'), {
          status: 409,
          statusText: 'Conflict',
        });
      await people.harness.fixture.whenStable();
      expect(await people.snackBarMessage()).toBe(
        'Cannot disable Ada Lovelace: at least one administrator must remain.',
      );
    });

    it('signs a person out everywhere after a confirmation naming them', async () => {
      await people.open('/users');
      await people.menuItem(grace, 'Sign out everywhere');
      const dialog = await people.documentLoader.getHarness(MatDialogHarness);
      expect(await dialog.getTitleText()).toBe(
        'Sign Grace Hopper out everywhere?',
      );
      await (
        await dialog.getHarness(
          MatButtonHarness.with({ text: 'Sign out everywhere' }),
        )
      ).click();
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com/sessions',
      );
      expect(req.request.method).toBe('DELETE');
      req.flush(null, { status: 204, statusText: 'No Content' });
      await people.harness.fixture.whenStable();
      expect(await people.snackBarMessage()).toBe(
        'Grace Hopper was signed out everywhere.',
      );
    });

    it('changes a role from the row menu too', async () => {
      await people.open('/users');
      await people.menuItem(grace, 'Change role', 'Coordinator');
      const req = people.backend.expectOne(
        '/api/auth/users/grace%40example.com/role',
      );
      expect(req.request.body).toEqual({ role: 'coordinator' });
      req.flush({ ...grace, role: Role.Coordinator });
      await people.harness.fixture.whenStable();
    });
  });

  describe("a person's details", () => {
    it('opens from the timeline entry of the row menu and shows their timeline, newest first, as the server pages it', async () => {
      await people.open('/users');
      // The loading timeline keeps the page unstable: answer it before the click settles.
      const clicking = people.menuItem(grace, 'Timeline');
      let req: TestRequest | undefined;
      for (let attempt = 0; attempt < 100 && !req; attempt++) {
        TestBed.tick();
        req = people.backend.match(
          (r) => r.url === '/api/auth/users/grace%40example.com/activity',
        )[0];
        if (!req) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (!req) throw new Error('No activity request was sent');
      people.backend
        .expectOne('/api/auth/users/grace%40example.com/sessions')
        .flush([aSignInSession()]);
      expect(req.request.params.get('page')).toBe('1');
      req.flush(
        aPage(
          [
            anAuditEvent({
              action: 'user.role_changed',
              actorEmail: 'ada@example.com',
              targetEmail: 'grace@example.com',
              details: {
                before: { role: 'coordinator' },
                after: { role: 'driver' },
              },
            }),
            anAuditEvent({
              action: 'user.signed_in',
              actorEmail: 'grace@example.com',
              targetEmail: 'grace@example.com',
            }),
          ],
          { pageSize: 10 },
        ),
      );
      await clicking;
      await people.harness.fixture.whenStable();
      const dialog = await people.documentLoader.getHarness(MatDialogHarness);
      const content = await dialog.getContentText();
      expect(content).toContain('grace@example.com');
      expect(content).toContain('Chrome on Linux');
      expect(content).toContain('Role changed');
      expect(content.replace(/\s+/g, ' ')).toContain(
        'Coordinator → Driver by ada@example.com',
      );
      expect(content).toContain('Signed in');
      expect(content.indexOf('Role changed')).toBeLessThan(
        content.indexOf('Signed in'),
      );
    });
  });
});
