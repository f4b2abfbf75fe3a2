import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { ContentFeature } from '../../../content/feature';

vi.mock('../../../platform/messaging', () => ({ sendToBackground: vi.fn() }));
vi.mock('../../../platform/browser', () => ({ browser: {}, isExtensionContextAlive: () => true }));

const { features } = await import('../../../content/feature-list');

const featuresDir = fileURLToPath(new URL('../../../content/features/', import.meta.url));
const files = readdirSync(featuresDir).sort();
const idOf = (file: string) => file.replace(/\.ts$/, '');
const isFeature = (value: unknown): value is ContentFeature =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ContentFeature).id === 'string' &&
  typeof (value as ContentFeature).start === 'function';

describe('the content feature list', () => {
  it('content/features/ holds feature modules only (helpers live in controls/, data/, ui/)', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !file.endsWith('.ts'))).toEqual([]);
  });

  it('registers every file of content/features/ once, under its file name', () => {
    expect(features.map((feature) => feature.id).sort()).toEqual(files.map(idOf));
  });

  it('starts the one feature each file exports', async () => {
    for (const file of files) {
      const module: Record<string, unknown> = await import(`${featuresDir}${file}`);
      const exported = Object.values(module).filter(isFeature);
      expect(
        exported.map((feature) => feature.id),
        file,
      ).toEqual([idOf(file)]);
      expect(features, file).toContain(exported[0]);
    }
  });
});
