// The printed tables (Markdown, so they paste into notes as they are) and the JSON file.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const number = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '—'
    : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value) => (value === null || value === undefined ? '—' : value < 10 ? number(value, 1) : number(value));
const errorsOf = (row) =>
  row.errors ? `${number(row.errors)}${row.timeouts ? ` (${number(row.timeouts)} timed out)` : ''}` : '0';

function table(header, rows, rightAligned) {
  const align = header.map((_, index) => (index >= rightAligned ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function scaleTable(scale) {
  const rows = scale.rows.map((row) => [
    `\`${row.name}\`${row.connections === 10 ? '' : ` (${row.connections} conn.)`}`,
    number(row.rps),
    ms(row.p50),
    ms(row.p99),
    errorsOf(row),
  ]);
  return table(['request', 'req/s', 'p50 ms', 'p99 ms', 'errors'], rows, 1);
}

/** One row per request, one column per scale: p99 and req/s. */
export function growthTable(scales) {
  const names = [...new Set(scales.flatMap((scale) => scale.rows.map((row) => row.name)))];
  const rows = names.map((name) => [
    `\`${name}\``,
    ...scales.map((scale) => {
      const row = scale.rows.find((candidate) => candidate.name === name);
      return row ? `${ms(row.p99)} ms · ${number(row.rps)}/s${row.errors ? ' ⚠' : ''}` : 'n/a';
    }),
  ]);
  const legend = "⚠: some requests failed or timed out; p99 counts only the answered ones (see that scale's table).";
  const warned = scales.some((scale) => scale.rows.some((row) => row.errors));
  return `${table(['request (p99 · req/s)', ...scales.map((scale) => `${number(scale.users)} people`)], rows, 1)}${warned ? `\n\n${legend}` : ''}`;
}

function commit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return undefined;
  }
}

/** Writes dist/bench/<started>.json and a copy as dist/bench/latest.json; returns the path. */
export function writeResults(results) {
  const folder = join('dist', 'bench');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ commit: commit(), ...results }, null, 2)}\n`);
  copyFileSync(file, join(folder, 'latest.json'));
  return file;
}
