// The JavaScript a first visit downloads (the entry script and what it preloads), gzipped,
// against its budget (#17 aims at 150 KB). Route chunks load later, on demand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = path.resolve(import.meta.dirname, '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of new Set(files)) {
  const size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript, gzip (budget ${BUDGET_KB} KB)`);
if (files.length === 0 || total / 1024 > BUDGET_KB) {
  console.error(files.length === 0 ? 'no scripts found in dist/index.html' : 'over budget');
  process.exit(1);
}
