/**
 * One jest run covers unit, service and e2e tests. Each test file gets its own PostgreSQL database cloned
 * from a template migrated once in test/global-setup.ts, and its own Redis key prefix.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, which keeps runs fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/core/testing$': '<rootDir>/libs/core/src/testing',
    '^@app/(.*)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
