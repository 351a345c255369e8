// Child process for core-secrets.test.ts: migrates the plain key files of an earlier install and
// kills itself with SIGKILL right after the named step of the named file, as a power cut would.
import { wrappedKeyStorage } from '../../services/store/key-rotation';
import { loadCoreSecrets } from './core-secrets';
import { xorTestWrapper } from './core-secrets-test-wrapper';

const [dir, file, step] = process.argv.slice(2);
if (!dir || !file || !step) throw new Error('usage: core-secrets-crash-child <dir> <file> <step>');
loadCoreSecrets(dir, wrappedKeyStorage(xorTestWrapper), (f, s) => {
  if (f === file && s === step) process.kill(process.pid, 'SIGKILL');
});
process.stdout.write('finished\n');
