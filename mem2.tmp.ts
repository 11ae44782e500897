const gc = (globalThis as { gc?: () => void }).gc!;
gc();
const a = process.memoryUsage();
await import('#src/pipeline/tick.js');
await import('#src/store/index.js');
gc();
const b = process.memoryUsage();
console.log('heap+ext MB', ((b.heapUsed + b.external - a.heapUsed - a.external) / 2 ** 20).toFixed(2));
