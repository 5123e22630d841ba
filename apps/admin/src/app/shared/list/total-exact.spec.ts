import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatPaginator } from '@angular/material/paginator';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { provideHarnessFriendlyTesting } from '../../../testing/providers';
import { TotalExact } from './total-exact';

@Component({
  imports: [MatPaginator, TotalExact],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mat-paginator
    [length]="10000"
    [pageIndex]="1"
    [pageSize]="25"
    [vipTotalExact]="exact()"
  />`,
})
class Host {
  readonly exact = signal(true);
}

describe('TotalExact', () => {
  it('says "of 10,000+" while the total is a lower bound, and the plain range otherwise', async () => {
    TestBed.configureTestingModule({
      providers: [provideHarnessFriendlyTesting()],
    });
    const fixture = TestBed.createComponent(Host);
    const paginator =
      await TestbedHarnessEnvironment.loader(fixture).getHarness(
        MatPaginatorHarness,
      );
    expect(await paginator.getRangeLabel()).toBe('26 – 50 of 10000');
    fixture.componentInstance.exact.set(false);
    expect(await paginator.getRangeLabel()).toBe('26 – 50 of 10,000+');
  });
});
