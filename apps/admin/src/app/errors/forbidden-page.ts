import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'vip-forbidden-page',
  imports: [RouterLink, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>You are not allowed to see this page</h1>
    <p>
      Your role does not give access to it. If you need it, ask an administrator
      to change your role.
    </p>
    <a mat-flat-button routerLink="/">Go to your start page</a>
  `,
})
export class ForbiddenPage {}
