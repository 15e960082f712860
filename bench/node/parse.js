// Times dotenv.parse on a file's bytes after a warm-up; prints one line like the Core benchmark.
'use strict';
const fs = require('fs');
const dotenv = require('dotenv');

const [file, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg || 10);
const bytes = fs.readFileSync(file);

let entries = 0;
for (let i = 0; i < 3; i++) {
  entries = Object.keys(dotenv.parse(bytes)).length;
}

const times = [];
for (let i = 0; i < iterations; i++) {
  // As in the Core benchmark, each run starts from a collected heap (run with --expose-gc).
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  const parsed = dotenv.parse(bytes);
  const end = process.hrtime.bigint();
  times.push(Number(end - start) / 1e6);
  entries = Object.keys(parsed).length;
}

times.sort((a, b) => a - b);
const mb = bytes.length / (1024 * 1024);
const best = times[0];
const median = times[Math.floor(times.length / 2)];
console.log(`node entries=${entries} bytes=${bytes.length} best_ms=${best.toFixed(1)} median_ms=${median.toFixed(1)} ` +
  `best_mbps=${(mb / best * 1000).toFixed(1)} median_mbps=${(mb / median * 1000).toFixed(1)}`);
