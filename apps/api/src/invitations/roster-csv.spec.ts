import { ValidationError } from '../common/errors';
import { parseRoster } from './roster-csv';

const roster = (text: string) => parseRoster(Buffer.from(text, 'utf8'));

describe('parseRoster', () => {
  it('reads RFC 4180 rows with their line numbers, lower-cases email and role, skips blank lines', () => {
    const rows = roster(
      '\uFEFFEmail, Role ,Name\r\nA@Gmail.com,DRIVER,"Lovelace, Ada"\r\n\r\n"b@example.com",coordinator,"Multi\nLine"\r\nc@example.com,driver,\r\n',
    );
    expect(rows).toEqual([
      { line: 2, email: 'a@gmail.com', role: 'driver', name: 'Lovelace, Ada' },
      // A quoted cell may span lines (the next row's number says so), but a name has no control characters.
      {
        line: 4,
        email: 'b@example.com',
        role: 'coordinator',
        name: 'Multi\nLine',
        error: 'the name must be at most 255 characters, without control characters',
      },
      { line: 6, email: 'c@example.com', role: 'driver', name: null },
    ]);
  });

  it('gives each bad row its own verdict', () => {
    const rows = roster(
      [
        'email,role',
        'a@b.co,driver',
        'nope,driver',
        'c@d.co,chief',
        'a@b.co,driver',
        '+1@d.co,driver',
        'e@f.co,driver,extra',
        'g@h.co, -1',
      ].join('\n'),
    );
    expect(rows.map((row) => [row.line, row.error])).toEqual([
      [2, undefined],
      [3, 'the email is not a valid email address'],
      [4, 'the role must be one of administrator, coordinator, driver'],
      [5, 'duplicate of line 2'],
      [6, expect.stringContaining('formula')],
      [7, 'expected 2 cells, found 3'],
      [8, expect.stringContaining('formula')],
    ]);
  });

  it.each([
    [
      'not UTF-8',
      Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x2c, 0x72, 0x6f, 0x6c, 0x65, 0x0a, 0xff, 0xfe]),
      /not UTF-8/,
    ],
    ['a wrong header', Buffer.from('email;role\n'), /Line 1 must be the header/],
    ['no rows', Buffer.from('email,role\n\n'), /no rows/],
    ['1,001 rows', Buffer.from(`email,role\n${'x@y.co,driver\n'.repeat(1001)}`), /At most 1,000 rows/],
    [
      'an unclosed quote',
      Buffer.from('email,role\nx@y.co,driver\n"x@y.co,driver\n'),
      /Line 3: a quoted cell is never closed/,
    ],
  ])('refuses %s as a whole', (_case, bytes, message) => {
    expect(() => parseRoster(bytes)).toThrow(ValidationError);
    expect(() => parseRoster(bytes)).toThrow(message);
  });
});
