import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import type { DefaultRole, Settings, SignUpPolicy } from '@vip/shared-dto';
import { DEFAULT_ROLES, SIGN_UP_POLICIES } from '@vip/shared-dto';
import { errorMessage, Notifier } from '../core/notifier';
import { LoadState } from '../shared/list/load-state';
import { ROLE_LABELS } from '../shared/role-label';

const SETTINGS_URL = '/api/settings';

export const POLICY_CHOICES: Readonly<
  Record<SignUpPolicy, { label: string; explained: string }>
> = {
  open: {
    label: 'Open',
    explained:
      'Anyone with a verified Google account from an allowed domain gets in at once with the default role.',
  },
  approval: {
    label: 'Approval',
    explained:
      'New people can sign in but wait, with no access, until an administrator approves them under Access requests.',
  },
  invitation: {
    label: 'Invitation only',
    explained:
      'Only emails invited under Invitations can create an account; everyone else is turned away.',
  },
};

export const ROLE_CHOICES: Readonly<Record<DefaultRole, string>> = {
  coordinator:
    'New people plan and manage VIP transport: the usual role for staff.',
  driver:
    'New people see only what a driver needs: the safer default for events.',
};

/** Who may sign up, and with which role: stored on the server for every instance. */
@Component({
  selector: 'vip-settings-page',
  imports: [MatButton, MatRadioGroup, MatRadioButton, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
})
export class SettingsPage {
  private readonly http = inject(HttpClient);
  private readonly notifier = inject(Notifier);

  protected readonly saved = httpResource<Settings>(() => SETTINGS_URL);
  /** The form: what is saved, until the administrator changes it. */
  protected readonly draft = linkedSignal<Settings | undefined>(() =>
    this.saved.hasValue() ? this.saved.value() : undefined,
  );
  protected readonly saving = signal(false);

  protected readonly policies = SIGN_UP_POLICIES;
  protected readonly policyChoices = POLICY_CHOICES;
  protected readonly roles = DEFAULT_ROLES;
  protected readonly roleChoices = ROLE_CHOICES;
  protected readonly roleLabels = ROLE_LABELS;

  protected loadError(): string | null {
    const error = this.saved.error();
    return error ? errorMessage(error) : null;
  }

  protected changed(): boolean {
    const draft = this.draft();
    const saved = this.saved.hasValue() ? this.saved.value() : undefined;
    return (
      !!draft &&
      !!saved &&
      (draft.signUpPolicy !== saved.signUpPolicy ||
        draft.defaultRole !== saved.defaultRole)
    );
  }

  protected set(changes: Partial<Settings>): void {
    this.draft.update((draft) => draft && { ...draft, ...changes });
  }

  protected save(): void {
    const draft = this.draft();
    if (!draft) return;
    this.saving.set(true);
    this.http.put<Settings>(SETTINGS_URL, draft).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.saved.set(settings);
        this.notifier.info('Settings saved.');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.error(`Cannot save the settings: ${errorMessage(error)}`);
      },
    });
  }
}
