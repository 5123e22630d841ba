import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import type { Settings } from '@vip/shared-dto';
import { anApiError } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { SettingsPage } from './settings-page';

describe('SettingsPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SettingsPage>;
  let loader: HarnessLoader;

  async function open(settings: Settings | 'fail') {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SettingsPage);
    TestBed.tick();
    const req = backend.expectOne('/api/settings');
    if (settings === 'fail')
      req.flush(anApiError(500, 'Database unavailable'), {
        status: 500,
        statusText: 'Server Error',
      });
    else req.flush(settings);
    await fixture.whenStable();
    loader = TestbedHarnessEnvironment.loader(fixture);
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const group = (label: string) =>
    loader.getHarness(
      MatRadioGroupHarness.with({ selector: `[aria-labelledby="${label}"]` }),
    );
  const save = () => loader.getHarness(MatButtonHarness.with({ text: 'Save' }));

  afterEach(() => backend.verify());

  it('shows the saved choices, each explained in one sentence', async () => {
    await open({ signUpPolicy: 'approval', defaultRole: 'driver' });
    expect(await (await group('policy-title')).getCheckedValue()).toBe(
      'approval',
    );
    expect(await (await group('role-title')).getCheckedValue()).toBe('driver');
    expect(text()).toContain(
      'New people can sign in but wait, with no access, until an administrator approves them under Access requests.',
    );
    expect(text()).toContain(
      'Only emails invited under Invitations can create an account; everyone else is turned away.',
    );
    expect(await (await save()).isDisabled()).toBe(true);
  });

  it('saves a changed policy and role with PUT', async () => {
    await open({ signUpPolicy: 'open', defaultRole: 'coordinator' });
    await (
      await group('policy-title')
    ).checkRadioButton({ label: 'Invitation only' });
    await (await group('role-title')).checkRadioButton({ label: 'Driver' });
    await (await save()).click();
    const req = backend.expectOne('/api/settings');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({
      signUpPolicy: 'invitation',
      defaultRole: 'driver',
    });
    req.flush({ signUpPolicy: 'invitation', defaultRole: 'driver' });
    await fixture.whenStable();
    expect(await (await save()).isDisabled()).toBe(true);
  });

  it('says why the settings could not be loaded', async () => {
    await open('fail');
    expect(text()).toContain(
      'The settings could not be loaded. Database unavailable',
    );
  });
});
