import { afterAll, beforeAll, beforeEach } from 'vitest';
import { TargetControl } from '../../../dev/target/control';
import { type LocalTarget, startTarget } from '../../../dev/target/index';

export interface TargetFixture {
  target: LocalTarget;
  control: TargetControl;
}

/**
 * Starts a local target for the test file, resets it before each test and
 * closes it after the last one.
 */
export function useTarget(): TargetFixture {
  const fixture: Partial<TargetFixture> = {};

  beforeAll(async () => {
    fixture.target = await startTarget();
    fixture.control = new TargetControl(fixture.target.url);
  });
  beforeEach(() => fixture.control?.reset());
  afterAll(() => fixture.target?.close());

  // Complete once beforeAll has run, which is before any test reads it.
  return fixture as TargetFixture;
}
