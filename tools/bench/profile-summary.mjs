// Summarises a V8 CPU profile (`node --cpu-prof`, e.g. BENCH_NODE_ARGS of `npm run bench`):
// where the samples fall by package (self time), and the hottest functions.
//
//   node tools/bench/profile-summary.mjs /tmp/prof/CPU.….cpuprofile [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);
const total = profile.samples.length;

/** `node_modules/@nestjs/core/…` → `@nestjs/core`; the API's bundle → `api`; else a category. */
function packageOf(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  if (url.includes('dist/apps/api')) return 'api';
  return url;
}

const packages = new Map();
const functions = new Map();
for (const [id, count] of samples) {
  const { callFrame } = byId.get(id);
  const pkg = packageOf(callFrame.url, callFrame.functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + count);
  const where = callFrame.url ? `${pkg}:${callFrame.lineNumber + 1}` : pkg;
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
  functions.set(key, (functions.get(key) ?? 0) + count);
}
const percent = (count) => `${((100 * count) / total).toFixed(1).padStart(5)} %`;
const busy = total - (packages.get('(idle)') ?? 0);
console.log(`${total} samples, ${percent(busy).trim()} busy\n\nSelf time by package:`);
for (const [pkg, count] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${percent(count)}  ${pkg}`);
console.log('\nHottest functions (self time):');
for (const [key, count] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${percent(count)}  ${key}`);
