// `npm start`: builds the server bundle if its sources changed, then runs it. Stack traces point at
// the TypeScript sources through the bundle's source map.
import { buildServerIfStale, SERVER_BUNDLE } from './build-server.mjs';

process.setSourceMapsEnabled(true);
await buildServerIfStale();
await import(SERVER_BUNDLE);
