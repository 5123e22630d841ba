import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe, DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import type { ParamMap } from '@angular/router';
import type {
  Invitation,
  InvitationListQuery,
  InvitationState,
} from '@vip/shared-dto';
import { INVITATION_SORT_FIELDS, INVITATION_STATES } from '@vip/shared-dto';
import { filter } from 'rxjs';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { confirmed, DIALOG_SIZE } from '../shared/confirm-dialog';
import { sortParam } from '../shared/list/list-params';
import { pagedList } from '../shared/list/paged-list';
import { PagedTable } from '../shared/list/paged-table';
import { plural } from '../shared/plural';
import { ROLE_LABELS } from '../shared/role-label';
import { SearchBox } from '../shared/search-box';
import { ImportDialog } from './import-dialog';
import { InvitationsApi, signInLink } from './invitations-api';
import { InviteDialog } from './invite-dialog';
import { TimeAgo } from '../shared/time-ago';

export const STATE_LABELS: Readonly<Record<InvitationState, string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

function invitationFilters(params: ParamMap): InvitationListQuery {
  return {
    search: params.get('search')?.trim() || undefined,
    state: INVITATION_STATES.find((s) => s === params.get('state')),
    sort: sortParam(params, INVITATION_SORT_FIELDS),
  };
}

/** The roster: who is invited, with which role, and what became of each invitation. */
@Component({
  selector: 'vip-invitations-page',
  imports: [
    TimeAgo,
    DatePipe,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatIcon,
    MatIconButton,
    MatSortHeader,
    MatTableModule,
    MatTooltip,
    PagedTable,
    SearchBox,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitations-page.html',
  styleUrl: './invitations-page.scss',
})
export class InvitationsPage {
  private readonly api = inject(InvitationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly clipboard = inject(Clipboard);
  private readonly origin = inject(DOCUMENT).location.origin;

  protected readonly list = pagedList<Invitation, InvitationListQuery>({
    filters: invitationFilters,
    load: (query) => this.api.list(query),
  });
  protected readonly columns = [
    'email',
    'role',
    'state',
    'invitedBy',
    'createdAt',
    'expiresAt',
    'actions',
  ];
  protected readonly states = INVITATION_STATES;
  protected readonly stateLabels = STATE_LABELS;

  protected roleLabel(invitation: Invitation): string {
    return ROLE_LABELS[invitation.role];
  }

  protected stateLabel(invitation: Invitation): string {
    return STATE_LABELS[invitation.state];
  }

  protected emptyMessage(): string {
    const { search, state } = this.list.query();
    if (search) return `No invitations match “${search}”.`;
    if (state) return `No ${STATE_LABELS[state].toLowerCase()} invitations.`;
    return 'Nobody is invited yet.';
  }

  protected invite(): void {
    this.dialog
      .open<InviteDialog, void, Invitation>(InviteDialog, {
        width: '480px',
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(filter((invitation) => !!invitation))
      .subscribe((invitation) => {
        this.notifier.info(`${invitation.email} is invited.`);
        this.list.reload();
      });
  }

  protected importRoster(): void {
    this.dialog
      .open<ImportDialog, void, number>(ImportDialog, {
        width: '720px',
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(filter((created) => created !== undefined))
      .subscribe((created) => {
        this.notifier.info(`${plural(created, 'invitation')} imported.`);
        this.list.reload();
      });
  }

  protected copyLink(invitation: Invitation): void {
    const copied = this.clipboard.copy(
      signInLink(this.origin, invitation.email),
    );
    if (copied)
      this.notifier.info(`Sign-in link for ${invitation.email} copied.`);
    else this.notifier.error('The link could not be copied.');
  }

  protected revoke(invitation: Invitation): void {
    confirmed(this.dialog, {
      title: `Revoke the invitation of ${invitation.email}?`,
      body: [
        `${invitation.email} can no longer create an account with it. The invitation stays listed as revoked.`,
      ],
      action: 'Revoke',
      danger: true,
    }).subscribe(() =>
      this.api.revoke(invitation.id).subscribe({
        next: () => {
          this.notifier.info(
            `The invitation of ${invitation.email} was revoked.`,
          );
          this.list.reload();
        },
        error: (error: unknown) => {
          this.notifier.error(
            errorStatus(error) === 409
              ? `${invitation.email} already accepted the invitation.`
              : `Cannot revoke: ${errorMessage(error)}`,
          );
          this.list.reload();
        },
      }),
    );
  }
}
