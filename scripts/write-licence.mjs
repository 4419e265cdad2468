// Writes LICENSE from the SPDX licence texts package, so the text is the
// canonical EUPL-1.2 and not a hand-copied one. Run: npm run licence:write
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const licences = require('spdx-license-list/full');
const eupl = licences['EUPL-1.2'];
if (!eupl?.licenseText) throw new Error('EUPL-1.2 text not found in spdx-license-list');
fs.writeFileSync(new URL('../LICENSE', import.meta.url), `${eupl.licenseText.trim()}\n`);
console.log(`LICENSE written: ${eupl.name}`);
