import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatFormField } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import type { Role, User } from '@vip/shared-dto';
import { ROLES } from '@vip/shared-dto';
import { ROLE_LABELS } from '../shared/role-label';

/** A person's role, changed in place. */
@Component({
  selector: 'vip-role-select',
  imports: [MatFormField, MatSelect, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-select
        [value]="user().role"
        [aria-label]="'Role of ' + user().name"
        (selectionChange)="roleChange.emit($event.value)"
      >
        @for (role of roles; track role) {
          <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 160px;
      --mat-form-field-container-height: 40px;
      --mat-form-field-container-vertical-padding: 8px;
      --mat-form-field-filled-with-label-container-padding-top: 8px;
      --mat-form-field-filled-with-label-container-padding-bottom: 8px;
    }
    @media (max-width: 599.98px) {
      mat-form-field {
        width: 140px;
      }
    }
  `,
})
export class RoleSelect {
  readonly user = input.required<Pick<User, 'name' | 'role'>>();
  readonly roleChange = output<Role>();

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
}
