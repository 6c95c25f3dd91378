// `node --require bench/maxRss.cjs ...`: on exit, writes the process's peak
// resident set (worker threads included) to stderr as `maxrss-kb N`.
process.on('exit', () => process.stderr.write(`\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`));
