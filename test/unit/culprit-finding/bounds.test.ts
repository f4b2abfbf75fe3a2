import { describe, expect, it } from 'vitest';
import {
  asymmetricChannelCapacity,
  binaryEntropy,
  capacityLowerBound,
  intermittentCapacity,
  zChannelCapacity,
} from '../../../src/culprit-finding/bounds.js';

describe('capacity bounds (reference §3)', () => {
  it('matches the reference table', () => {
    expect(zChannelCapacity(0.05)).toBeCloseTo(0.857, 3);
    expect(zChannelCapacity(0.1)).toBeCloseTo(0.763, 3);
    expect(zChannelCapacity(0.3)).toBeCloseTo(0.504, 3);
    expect(intermittentCapacity(0.5)).toBeCloseTo(0.322, 3);
    expect(intermittentCapacity(0.1)).toBeCloseTo(0.055, 3);
    expect(asymmetricChannelCapacity(0.01, 0.2)).toBeCloseTo(0.086, 3);
    expect(asymmetricChannelCapacity(0.01, 0.1)).toBeCloseTo(0.033, 3);
  });

  it('the asymmetric channel reduces to the Z-channel and the intermittent channel', () => {
    for (const f of [0.02, 0.1, 0.4]) expect(asymmetricChannelCapacity(f, 1)).toBeCloseTo(zChannelCapacity(f), 6);
    for (const q of [0.05, 0.3, 0.9]) expect(asymmetricChannelCapacity(0, q)).toBeCloseTo(intermittentCapacity(q), 6);
    expect(asymmetricChannelCapacity(0, 1)).toBeCloseTo(1, 9);
    expect(asymmetricChannelCapacity(0.2, 0.2)).toBe(0);
  });

  it('gives log2 N / C runs', () => {
    expect(capacityLowerBound(20, 0, 1)).toBeCloseTo(Math.log2(20), 9);
    expect(capacityLowerBound(20, 0.1, 1)).toBeCloseTo(5.7, 1);
    expect(capacityLowerBound(20, 0, 0.1)).toBeCloseTo(78.8, 0);
    expect(capacityLowerBound(1, 0, 1)).toBe(0);
    expect(binaryEntropy(0.5)).toBe(1);
  });
});
