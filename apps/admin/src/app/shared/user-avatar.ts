import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
} from '@angular/core';

/** A round picture of a person, or their initials when there is no picture or it fails to load. */
@Component({
  selector: 'vip-user-avatar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'vip-user-avatar',
    '[style.--vip-avatar-size.px]': 'size()',
  },
  template: `
    @if (showPicture()) {
      <img
        [src]="picture()"
        alt=""
        referrerpolicy="no-referrer"
        [width]="size()"
        [height]="size()"
        (error)="pictureFailed.set(true)"
      />
    } @else {
      <span class="initials" aria-hidden="true">{{ initials() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
      width: var(--vip-avatar-size, 40px);
      height: var(--vip-avatar-size, 40px);
      border-radius: 50%;
      overflow: hidden;
      align-items: center;
      justify-content: center;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-label-large);
      font-size: calc(var(--vip-avatar-size, 40px) * 0.4);
      user-select: none;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `,
})
export class UserAvatar {
  readonly name = input.required<string>();
  readonly picture = input<string | null>(null);
  readonly size = input(40);

  protected readonly pictureFailed = linkedSignal({
    source: this.picture,
    computation: () => false,
  });
  protected readonly showPicture = computed(
    () => !!this.picture() && !this.pictureFailed(),
  );
  protected readonly initials = computed(() => initialsOf(this.name()));
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0][0];
  const last = words.length > 1 ? words[words.length - 1][0] : '';
  return (first + last).toUpperCase();
}
