import { csvField, csvRecord } from './csv';

describe('csv', () => {
  it('leaves plain values alone and writes nulls as empty fields', () => {
    expect(csvRecord(['a', null, 'b c', undefined])).toBe('a,,b c,\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling inner quotes', () => {
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('defuses a formula: %j', (value) => {
    expect(csvField(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });
});
