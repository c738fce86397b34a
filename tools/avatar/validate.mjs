// Runs the Khronos glTF validator on each GLB given; exits 1 unless every file has
// 0 errors and 0 warnings. Usage: node tools/avatar/validate.mjs FILE.glb...
import { readFile } from 'node:fs/promises';
import validator from 'gltf-validator';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const report = await validator.validateBytes(new Uint8Array(await readFile(file)), { maxIssues: 50 });
  const { numErrors, numWarnings, numInfos, numHints } = report.issues;
  console.log(`${file}: ${numErrors} errors, ${numWarnings} warnings, ${numInfos} infos, ${numHints} hints`);
  for (const m of report.issues.messages) console.log(`  [${['error', 'warning', 'info', 'hint'][m.severity]}] ${m.code} ${m.pointer ?? ''}: ${m.message}`);
  if (numErrors || numWarnings) failed++;
}
if (process.argv.length < 3) { console.error('usage: validate.mjs FILE.glb...'); process.exit(2); }
console.log(failed ? `${failed} file(s) failed validation` : 'all files valid');
process.exit(failed ? 1 : 0);
