import type { FakeGoogle } from './fake-google';

export function startFakeGoogle(): Promise<FakeGoogle>;
