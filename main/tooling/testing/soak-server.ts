/**
 * Child process for the many-writers soak: what `quotebench serve` runs (the app's handler
 * table behind the browser-mode HTTP server on 127.0.0.1), as one annotator, printing
 * "url URL" once it listens. The soak sends it API calls and kills it with SIGKILL.
 */
import { createApp } from '../../services/app.js';
import { setLockHolderName } from '../../services/store/layer-lock.js';
import { startServer } from '../../server/http-server.js';

const [corpus, settingsDir, annotator, staticDir] = process.argv.slice(2);
if (!corpus || !settingsDir || !annotator || !staticDir) throw new Error('usage: soak-server CORPUS SETTINGS_DIR ANNOTATOR STATIC_DIR');
setLockHolderName(`soak serve ${annotator}`);
const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
const named = await app.dispatch('setAnnotator', { name: annotator });
if (!named.ok) throw new Error(named.error.message);
const server = await startServer({ dispatch: app.dispatch, staticDir, port: 0 });
process.stdout.write(`url ${server.url}\n`);
