import { describe, expect, it } from 'vitest';
import { forbiddenDebugSwitches } from './debug-switches';

describe('forbiddenDebugSwitches', () => {
  it.each([
    [['/opt/Counterdesk/counterdesk'], []],
    [['counterdesk', '--remote-debugging-port=9222'], ['--remote-debugging-port=9222']],
    [['counterdesk', '--remote-debugging-pipe'], ['--remote-debugging-pipe']],
    [
      ['counterdesk', '--inspect=0.0.0.0:9229', '--inspect-brk'],
      ['--inspect=0.0.0.0:9229', '--inspect-brk'],
    ],
    [['counterdesk', '--REMOTE-DEBUGGING-PORT=1'], ['--REMOTE-DEBUGGING-PORT=1']],
    [['counterdesk', '--js-flags=--allow-natives-syntax'], ['--js-flags=--allow-natives-syntax']],
    [['counterdesk', '--lang=pt', '--no-sandbox-nope', 'remote-debugging-port'], []],
  ])('%j → %j', (argv, expected) => {
    expect(forbiddenDebugSwitches(argv)).toEqual(expected);
  });
});
