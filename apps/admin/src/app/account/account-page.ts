import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import type { User } from '@vip/shared-dto';
import { AuthStore } from '../core/auth-store';
import { RelativeTimePipe } from '../shared/relative-time-pipe';
import { ROLE_LABELS } from '../shared/role-label';
import { UserAvatar } from '../shared/user-avatar';
import { MySessions } from './my-sessions';

/** The signed-in person's own details and sessions. Nothing administrative. */
@Component({
  selector: 'vip-account-page',
  imports: [DatePipe, RelativeTimePipe, UserAvatar, MySessions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
})
export class AccountPage {
  private readonly auth = inject(AuthStore);
  private readonly me = httpResource<User>(() => '/api/auth/me');

  /** The fresh answer of /me once it arrives; the signed-in user until then. */
  protected readonly user = computed(() =>
    this.me.hasValue() ? this.me.value() : this.auth.user(),
  );
  protected readonly roleLabels = ROLE_LABELS;
}
