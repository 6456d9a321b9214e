import { describe, expect, it } from 'vitest';
import { classifyEnv } from '../../../collectors/image/env.js';
import { ruleTester } from '../../../testing/vitest.js';
import { imageContents } from '../testing.js';
import rule from './rule.js';

const env = ['PATH=/usr/local/bin:/usr/bin', 'DB_PASSWORD=hunter2hunter2', 'AWS_KEY=AKIAIOSFODNN7EXAMPLE', 'PASSWORD_FILE=/run/secrets/pw', 'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D'];

ruleTester.run(rule, {
  valid: [imageContents({ config: { env: classifyEnv(['PATH=/usr/bin', 'TOKEN_URL_FILE=/x', 'API_KEY=${API_KEY}']) } })],
  invalid: [
    {
      input: imageContents({ config: { env: classifyEnv(env) } }),
      errors: [
        { messageId: 'credential', path: 'config.env[1]', message: 'DB_PASSWORD' },
        { messageId: 'credential', path: 'config.env[2]', message: 'AWS access key' },
      ],
    },
  ],
});

describe('classifyEnv', () => {
  it('never keeps the value', () => {
    const out = JSON.stringify(classifyEnv(env));
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
