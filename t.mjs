import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = await PGlite.create();
console.log('init', Date.now()-t);
console.log((await db.query('select version()')).rows);
const d = await db.dumpDataDir('none'); console.log(d.size);
t=Date.now(); const db2 = await PGlite.create({loadDataDir: d}); console.log('load', Date.now()-t);
