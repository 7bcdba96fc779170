// Parses each AsyncAPI document named on the command line with @asyncapi/parser (the AsyncAPI
// project's own parser and Spectral ruleset) and exits 1 on any diagnostic of error severity.
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';

const ERROR = 0; // Spectral's DiagnosticSeverity.Error
const parser = new Parser();
let failed = false;
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'), { source: file });
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  for (const d of diagnostics) {
    const where = d.path && d.path.length ? ` at /${d.path.join('/')}` : '';
    console.log(`${file}: ${d.severity === ERROR ? 'error' : 'note'} ${d.code}${where}: ${d.message}`);
  }
  if (!document || errors.length) {
    failed = true;
    console.log(`${file}: INVALID (${errors.length} errors)`);
  } else {
    console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.allMessages().length} messages`);
  }
}
process.exit(failed ? 1 : 0);
