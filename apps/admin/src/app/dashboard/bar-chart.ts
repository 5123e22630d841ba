import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';

export interface Bar {
  label: string;
  value: number;
  /** Shorter text under the bar; empty to leave it out (dense charts). */
  tick?: string;
}

const BAR_GAP = 0.2;

/**
 * A vertical bar chart in plain SVG: no charting library, a few hundred bytes in the
 * lazy dashboard chunk. Each bar carries its label and value as a tooltip, and the
 * figure is described by a visually hidden table for screen readers.
 */
@Component({
  selector: 'vip-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <figcaption>{{ caption() }}</figcaption>
      <svg
        [attr.viewBox]="'0 0 ' + width() + ' 120'"
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        @for (bar of geometry(); track bar.label) {
          <rect
            class="bar"
            [attr.x]="bar.x"
            [attr.y]="bar.y"
            [attr.width]="bar.width"
            [attr.height]="bar.height"
          >
            <title>{{ bar.label }}: {{ bar.value }}</title>
          </rect>
        }
        <line x1="0" y1="100" [attr.x2]="width()" y2="100" class="axis" />
      </svg>
      <div class="ticks" aria-hidden="true">
        @for (bar of bars(); track bar.label) {
          <span>{{ bar.tick ?? '' }}</span>
        }
      </div>
      <table class="cdk-visually-hidden">
        <caption>
          {{
            caption()
          }}
        </caption>
        <tbody>
          @for (bar of bars(); track bar.label) {
            <tr>
              <th scope="row">{{ bar.label }}</th>
              <td>{{ bar.value }}</td>
            </tr>
          }
        </tbody>
      </table>
      <p class="max">max {{ max() }}</p>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font-weight: 500;
      margin-bottom: 8px;
    }
    svg {
      width: 100%;
      height: 140px;
      display: block;
    }
    .bar {
      fill: var(--mat-sys-primary);
    }
    .bar:hover {
      fill: var(--mat-sys-tertiary);
    }
    .axis {
      stroke: var(--mat-sys-outline-variant);
      stroke-width: 1;
      vector-effect: non-scaling-stroke;
    }
    .ticks {
      display: flex;
      font-size: 11px;
      color: var(--mat-sys-on-surface-variant);
    }
    /* A tick starts at its bar and runs over its (label-less) neighbours; the last
       one runs leftwards, so nothing is cut or spills out of the card. */
    .ticks span {
      flex: 1 1 0;
      min-width: 0;
      overflow: visible;
      white-space: nowrap;
    }
    .ticks span:last-child {
      direction: rtl;
    }
    .max {
      margin: 4px 0 0;
      font-size: 11px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class BarChart {
  readonly bars = input.required<Bar[]>();
  readonly caption = input.required<string>();

  protected readonly max = computed(() =>
    Math.max(0, ...this.bars().map((bar) => bar.value)),
  );
  protected readonly width = computed(
    () => Math.max(1, this.bars().length) * 10,
  );
  protected readonly geometry = computed(() => {
    const max = this.max() || 1;
    return this.bars().map((bar, i) => {
      const height = (bar.value / max) * 100;
      return {
        label: bar.label,
        value: bar.value,
        x: i * 10 + 10 * (BAR_GAP / 2),
        width: 10 * (1 - BAR_GAP),
        y: 100 - height,
        // A hairline for zero, so an empty day is visibly a day.
        height: Math.max(height, bar.value > 0 ? 1 : 0.5),
      };
    });
  });
}
