import { ruleTester } from '../../../testing/vitest.js';
import { crb, group, rb, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [crb('b', 'view', [group('devs')]), crb('b', 'view', [user('system:authenticated')])],
  invalid: [
    { input: crb('b', 'view', [group('system:unauthenticated')]), errors: [{ messageId: 'broad', path: 'subjects[0]', message: 'unauthenticated' }] },
    { input: rb('a', 'b', 'ClusterRole', 'edit', [user('system:anonymous'), group('system:authenticated')]), errors: [{ messageId: 'broad', path: 'subjects[0]' }, { messageId: 'broad', path: 'subjects[1]' }] },
  ],
});
