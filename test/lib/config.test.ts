import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load.js';
import { resolveRuntime } from '../../lib/config/runtime.js';

describe('configuration', () => {
  it('holds the defaults of rules.md', () => {
    const c = loadConfig();
    expect(c.flags.repeat_min_events).toBe(3);
    expect(c.flags.repeat_window_days).toBe(365);
    expect(c.flags.cross_domain_window_days).toBe(730);
    expect(c.publicity.timely_working_days).toBe(7);
    expect(c.indicators).toHaveLength(13);
    expect(c.publication.versions.map((v) => v.from)).toEqual([null, '2023-05-01', '2026-04-01']);
  });

  it('is frozen', () => {
    const c = loadConfig();
    expect(Object.isFrozen(c.flags)).toBe(true);
    expect(() => {
      (c.flags as { repeat_min_events: number }).repeat_min_events = 2;
    }).toThrow(TypeError);
  });

  it('merges an override file over the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'override.yaml');
    writeFileSync(file, 'flags:\n  repeat_min_events: 2\n');
    const c = loadConfig({ overridePath: file });
    expect(c.flags.repeat_min_events).toBe(2);
    expect(c.flags.repeat_window_days).toBe(365);
  });

  it('refuses an invalid value and names it', () => {
    expect(() => loadConfig({ override: { flags: { repeat_min_events: -1 } } })).toThrow(/flags\.repeat_min_events/);
    expect(() => loadConfig({ override: { flags: { repeat_min_evnts: 2 } } })).toThrow(/flags/);
  });
});

describe('runtime settings', () => {
  it('defaults as-of to today in Asia/Shanghai', () => {
    // 2026-01-01 17:30 UTC is already 2 January in Shanghai.
    const r = resolveRuntime({}, {}, new Date('2026-01-01T17:30:00Z'));
    expect(r.asOf).toBe('2026-01-02');
    expect(r.dataDir.endsWith(join('data', 'local'))).toBe(true);
  });

  it('takes flags before the environment and refuses a bad date', () => {
    expect(resolveRuntime({ asOf: '2025-12-31' }, { SENTINEL_AS_OF: '2025-01-01' }).asOf).toBe('2025-12-31');
    expect(resolveRuntime({}, { SENTINEL_AS_OF: '2025-01-01' }).asOf).toBe('2025-01-01');
    expect(() => resolveRuntime({ asOf: '2025-02-30' }, {})).toThrow(/YYYY-MM-DD/);
  });
});
