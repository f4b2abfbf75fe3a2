import { randomBytes } from 'node:crypto';
import { DAY } from '../clock';
import { Rng } from '../rng';

/** A Taskcluster client. `expires` is wall-clock time (credentials live in the real world, not the simulation). */
export interface TcClient {
  clientId: string;
  accessToken: string;
  scopes: string[];
  expires: number;
  created: number;
  description: string;
  deleteOnExpiration: boolean;
}

/** What an anonymous caller may do on Firefox CI (taskcluster.md §3.3). */
export const ANONYMOUS_SCOPES = [
  'auth:current-scopes',
  'auth:expand-scopes',
  'auth:get-client:*',
  'auth:get-role:*',
  'hooks:get:*',
  'hooks:list-last-fires:*',
  'hooks:status:*',
  'index:find-task:*',
  'index:list-namespaces:*',
  'index:list-tasks:*',
  'queue:get-artifact:public/*',
  'queue:get-task:*',
  'queue:list-artifacts:*',
  'queue:list-dependent-tasks:*',
  'queue:list-task-group:*',
  'queue:status:*',
];

export const SHERIFF_SCOPES = ['hooks:trigger-hook:project-gecko/in-tree-action-*'];

export class ClientStore {
  private readonly clients = new Map<string, TcClient>();
  readonly sheriff: TcClient;

  constructor(seed: number) {
    const rng = new Rng(seed ^ 0xc11e47);
    this.sheriff = this.add({
      clientId: 'mozilla-auth0/ad|Mozilla-LDAP|sheriff/fake-ci-sheriff',
      accessToken: Buffer.from(rng.bytes(33)).toString('base64url'),
      scopes: SHERIFF_SCOPES,
      description: 'Sheriff client of the fake CI (all in-tree action hooks)',
    });
  }

  get(clientId: string): TcClient | undefined {
    return this.clients.get(clientId);
  }

  add(c: {
    clientId?: string;
    accessToken?: string;
    scopes: string[];
    expires?: number;
    description?: string;
    deleteOnExpiration?: boolean;
  }): TcClient {
    const client: TcClient = {
      clientId: c.clientId ?? `fake-ci/client-${randomBytes(4).toString('hex')}`,
      accessToken: c.accessToken ?? randomBytes(33).toString('base64url'),
      scopes: [...c.scopes],
      expires: c.expires ?? Date.now() + 365 * DAY,
      created: Date.now(),
      description: c.description ?? '',
      deleteOnExpiration: c.deleteOnExpiration ?? false,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  all(): TcClient[] {
    return [...this.clients.values()];
  }
}
