import { openDatabase } from '../src/server/db/client';
import { loadTrust } from './search-data';
const url = process.argv[2];
const d = await openDatabase({ databaseUrl: url, dataDir: '/tmp/searchdev-pglite' });
await d.migrate();
const { loaded } = await loadTrust(d.db, async () => { await d.executeSql('analyze', []); }, (l) => console.error(l));
console.log('loaded', loaded.loadMs, loaded.organisationId, loaded.schoolIds[0]);
await d.close();
