// Registers the sa11y accessibility matcher, so component tests can run
// `await expect(element).toBeAccessible()` (axe-core rules as @sa11y/jest
// configures them).
import { setup } from '@sa11y/jest';

setup();
