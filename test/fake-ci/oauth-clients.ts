/**
 * The deployment's registered third-party OAuth2 clients and the users signed in to its web UI, as
 * Taskcluster's web-server keeps them (taskcluster/taskcluster `services/web-server/src/servers/oauth2.js`:
 * `cfg.login.registeredClients` entries `{clientId, responseType, scope[], redirectUri[], whitelisted,
 * maxExpires}`; a browser session from the UI login).
 */
import { randomBytes } from 'node:crypto';
import { SHERIFF_SCOPES } from './taskcluster/clients';

export interface RegisteredOAuthClient {
  clientId: string;
  responseType: 'code' | 'token';
  /** Compared as a set with the requested scopes: they must be equal. */
  scope: string[];
  /** Compared as strings with the requested `redirect_uri`: one must be equal. */
  redirectUri: string[];
  /** Skips the consent page. */
  whitelisted: boolean;
  /** `3 days`, `1 hour`…: the longest the issued client may live. */
  maxExpires: string;
}

export interface TaskclusterUser {
  identity: string;
  scopes: string[];
}

/** The client the extension's settings name by default, registered for a test redirect URI. */
export const DEFAULT_OAUTH_CLIENTS: RegisteredOAuthClient[] = [
  {
    clientId: 'treeherder-ci-tools',
    responseType: 'code',
    scope: ['hooks:trigger-hook:*'],
    redirectUri: ['https://abcdefghijklmnop.chromiumapp.org/'],
    whitelisted: true,
    maxExpires: '3 days',
  },
];

export const SESSION_COOKIE = 'fake-tc-session';

export class OAuthRegistry {
  readonly clients: RegisteredOAuthClient[] = DEFAULT_OAUTH_CLIENTS.map((c) => ({
    ...c,
    redirectUri: [...c.redirectUri],
  }));
  private readonly sessions = new Map<string, TaskclusterUser>();

  register(client: RegisteredOAuthClient): void {
    const i = this.clients.findIndex((c) => c.clientId === client.clientId);
    if (i >= 0) this.clients.splice(i, 1);
    this.clients.push(client);
  }

  find(clientId: string): RegisteredOAuthClient | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  /** Signs a user in to the web UI; returns the `Cookie` header value of the session. */
  signIn(
    user: TaskclusterUser = { identity: 'mozilla-auth0/ad|Mozilla-LDAP|sheriff', scopes: SHERIFF_SCOPES },
  ): string {
    const id = randomBytes(16).toString('base64url');
    this.sessions.set(id, user);
    return `${SESSION_COOKIE}=${id}`;
  }

  userOf(cookieHeader: string | undefined): TaskclusterUser | undefined {
    for (const part of (cookieHeader ?? '').split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === SESSION_COOKIE && value) return this.sessions.get(value);
    }
    return undefined;
  }
}
