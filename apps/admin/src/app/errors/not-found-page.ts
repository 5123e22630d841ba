import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'vip-not-found-page',
  imports: [RouterLink, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Page not found</h1>
    <p>
      There is no page at this address. Check the link, or start again from your
      start page.
    </p>
    <a mat-flat-button routerLink="/">Go to your start page</a>
  `,
})
export class NotFoundPage {}
