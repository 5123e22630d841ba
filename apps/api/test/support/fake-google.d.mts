export function encodeIdentity(identity: object): string;
export function startFakeGoogle(): Promise<{ url: string; env: Record<string, string>; stop(): Promise<void> }>;
