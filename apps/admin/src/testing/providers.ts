import { ɵREQUESTS_CONTRIBUTE_TO_STABILITY as REQUESTS_CONTRIBUTE_TO_STABILITY } from '@angular/common/http';
import type { Provider } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';

/**
 * Harnesses wait for the app to be stable; requests held open by HttpTestingController must
 * not count against that, or a harness click that sends a request would wait forever.
 */
export function provideHarnessFriendlyTesting(): Provider[] {
  return [
    { provide: REQUESTS_CONTRIBUTE_TO_STABILITY, useValue: false },
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
