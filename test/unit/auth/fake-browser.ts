/**
 * An in-memory stand-in for the few extension APIs the background's storage and sign-in use, for unit
 * tests that mock `platform/browser` (the one module touching extension APIs).
 */
type Values = Record<string, unknown>;

function area() {
  const values: Values = {};
  return {
    values,
    async get(keys?: string | string[] | null) {
      if (keys === undefined || keys === null) return structuredClone(values);
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in values).map((k) => [k, structuredClone(values[k])]));
    },
    async set(items: Values) {
      for (const [k, v] of Object.entries(items)) values[k] = structuredClone(v);
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete values[k];
    },
    accessLevel: 'TRUSTED_CONTEXTS' as string,
    async setAccessLevel(options: { accessLevel: string }) {
      this.accessLevel = options.accessLevel;
    },
  };
}

export interface FakeTab {
  id: number;
  url: string;
  active?: boolean;
  lastAccessed?: number;
}

export function createFakeBrowser() {
  const tabs: FakeTab[] = [];
  return {
    tabs,
    browser: {
      storage: { local: area(), session: area() },
      tabs: {
        async query(_filter: { url?: string[] }) {
          return tabs.map((t) => ({ ...t }));
        },
        async sendMessage() {
          return undefined;
        },
      },
      runtime: { id: 'test-extension', getURL: (path: string) => `moz-extension://test/${path.replace(/^\//, '')}` },
    },
  };
}

export const fakeBrowser = createFakeBrowser();
