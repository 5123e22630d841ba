import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/**
 * A secret shown the one time the API answers it: a warning that says so, the secret
 * itself, selectable, and a Copy button.
 */
@Component({
  selector: 'vip-secret-reveal',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="warning" role="alert">
      <mat-icon aria-hidden="true">warning</mat-icon>
      <span
        ><strong>Copy it now: it will not be shown again.</strong>
        {{ explanation() }}</span
      >
    </p>
    <div class="secret">
      <code class="value">{{ secret() }}</code>
      <button
        mat-flat-button
        type="button"
        [attr.aria-label]="'Copy ' + label()"
        (click)="copy()"
      >
        <mat-icon aria-hidden="true">{{
          copied() ? 'check' : 'content_copy'
        }}</mat-icon>
        {{ copied() ? 'Copied' : 'Copy' }}
      </button>
    </div>
    <p class="copy-state" role="status">
      {{
        copied() === true
          ? 'Copied to the clipboard.'
          : copied() === false
            ? 'It could not be copied: select it and copy it by hand.'
            : ''
      }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .warning {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .secret {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .value {
      flex: 1 1 240px;
      min-width: 0;
      padding: 10px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font-family: 'Roboto Mono', ui-monospace, monospace;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .copy-state {
      min-height: 1.5em;
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class SecretReveal {
  private readonly clipboard = inject(Clipboard);

  readonly secret = input.required<string>();
  /** What the secret is ("the token"), for the Copy button's accessible name. */
  readonly label = input.required<string>();
  /** Why it matters, after the warning. */
  readonly explanation = input('');

  /** `null` until Copy is pressed, then whether the copy worked. */
  protected readonly copied = signal<boolean | null>(null);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.secret()));
  }
}
