// Preloaded into a benchmarked process (node --require): prints its peak resident memory on
// stderr as it exits, so a bench can read a child's peak without a platform tool.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
