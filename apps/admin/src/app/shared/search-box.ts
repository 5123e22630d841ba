import type { OnInit } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  MatFormField,
  MatLabel,
  MatPrefix,
} from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { debounceTime, filter, map, Subject } from 'rxjs';

/** A list's search field; the search applies 300 ms after typing stops. */
@Component({
  selector: 'vip-search-box',
  imports: [MatFormField, MatLabel, MatPrefix, MatIcon, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-icon matPrefix>search</mat-icon>
      <input
        #box
        matInput
        type="search"
        [value]="text()"
        (input)="onInput(box.value)"
      />
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
  `,
})
export class SearchBox implements OnInit {
  readonly label = input.required<string>();
  /** The search in force (the URL's). */
  readonly search = input('');
  readonly searchChange = output<string>();

  /** What the box shows: the search in force, unless it is being typed. */
  protected readonly text = linkedSignal<string, string>({
    source: () => this.search(),
    computation: (search, previous) =>
      previous && previous.value.trim() === search ? previous.value : search,
  });
  private readonly typed = new Subject<string>();
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    this.typed
      .pipe(
        debounceTime(300),
        map((text) => text.trim()),
        filter((text) => text !== this.search()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((text) => this.searchChange.emit(text));
  }

  protected onInput(text: string): void {
    this.text.set(text);
    this.typed.next(text);
  }
}
