import { sharedDto } from './shared-dto';

describe('sharedDto', () => {
  it('should work', () => {
    expect(sharedDto()).toEqual('shared-dto');
  });
});
