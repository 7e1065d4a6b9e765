// Lists the surviving and uncovered mutants of one or more Stryker JSON reports:
//   node scripts/mutationSurvivors.mjs reports/mutation/vault.json
import { readFileSync } from 'node:fs';

for (const path of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const line = m.location.start.line;
      console.log(`${m.status} ${file}:${line}:${m.location.start.column} ${m.mutatorName}: ${lines[line - 1]?.trim().slice(0, 110)}  =>  ${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90)}`);
    }
  }
}
