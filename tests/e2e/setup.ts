// Runs before each browser test file: the file gets a production server of its own.
import { startFileServer } from '../helpers/file-server.ts';

await startFileServer();
