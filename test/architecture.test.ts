import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layering is enforced by lint (eslint.config.js); these rows prove the rules bite,
// so that a config change cannot silently open a layer.
const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('import direction', () => {
  it.each([
    ['domain/rules/x.ts', "import { readFileSync } from 'node:fs';", true],
    ['domain/rules/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';", true],
    ['domain/rules/x.ts', "import { useState } from 'react';", true],
    ['domain/rules/x.ts', "import { openStore } from '../../services/store';", true],
    ['domain/rules/x.ts', "import { z } from 'zod';", false],
    ['renderer/src/x.ts', "import { join } from 'node:path';", true],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';", true],
    ['renderer/src/x.ts', "import { openStore } from '../../services/store';", true],
    ['renderer/src/x.ts', "import { contract } from '../../api/contract';", false],
    ['api/x.ts', "import { openStore } from '../services/store';", true],
    ['services/x.ts', "import { app } from 'electron';", true],
    ['services/x.ts', "import { readFileSync } from 'node:fs';", false],
    ['electron/common/x.ts', "import { app } from 'electron';", true],
  ])('%s: %s → restricted %s', async (file, code, expected) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(expected);
  });
});
