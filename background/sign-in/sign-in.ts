import { browser } from '../../platform/browser';
import { buildAuthorizeUrl, exchangeCodeForCredentials, readAuthorizationCode } from '../../src/auth/oauth';
import type { TreeherderLogin } from '../../src/auth/treeherder-login';
import { clientIdSchema, credentialsExpired, type StoredCredentials } from '../../src/credentials';
import { missingScopes, triggerHookScope } from '../../src/actions/scope-check';
import { HttpError, userMessageFor } from '../../src/http';
import type { CredentialsStatus } from '../../src/protocol';
import { z } from 'zod';
import { saveCredentials } from './credentials';
import { servicesForRepo } from '../services/repository-services';
import { repositoryAtHand, treeherderTabAtHand } from './treeherder-tab';
import { loadSettings } from '../storage/settings-store';

/** The actions a user of this extension triggers; their hooks' scopes are what a client needs. */
const ACTIONS_WE_TRIGGER = [
  'retrigger-multiple',
  'backfill',
  'add-new-jobs',
  'confirm-failures',
  'run-missing-tests',
  'cancel',
  'cancel-all',
];

/**
 * Checks a client against Taskcluster: auth.currentScopes must accept it (else it is not saved), and
 * the hooks of the current repository's actions name what is missing.
 */
async function checkClient(
  creds: Pick<StoredCredentials, 'clientId' | 'accessToken'>,
): Promise<{ missing: string[]; note?: string }> {
  const repo = await repositoryAtHand();
  const { clients } = await servicesForRepo(repo);
  let held: string[];
  try {
    held = await clients.taskcluster.currentScopes({ clientId: creds.clientId, accessToken: creds.accessToken });
  } catch (error) {
    // Rejected credentials are not saved; an unreachable Taskcluster only means we could not check.
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
      throw new Error(`Taskcluster did not accept this client: ${userMessageFor(error)}`);
    }
    return { missing: [], note: `Saved, but Taskcluster could not be reached to check it: ${userMessageFor(error)}` };
  }
  try {
    const [latest] = await clients.treeherder.latestPushes(repo, 1);
    const decision = latest ? await clients.treeherder.decisionTask(repo, latest.id) : null;
    if (!decision)
      return { missing: [], note: `Could not list ${repo}'s actions to check scopes (no recent decision task).` };
    const actions = await clients.taskcluster.actionsJson(decision.taskId);
    const needed = [
      ...new Set(
        actions.actions
          .filter((a) => a.kind === 'hook' && ACTIONS_WE_TRIGGER.includes(a.name))
          .map((a) => triggerHookScope(a as { hookGroupId: string; hookId: string })),
      ),
    ];
    return { missing: missingScopes(held, needed) };
  } catch (error) {
    return { missing: [], note: `Signed in, but the scopes could not be checked: ${userMessageFor(error)}` };
  }
}

function withScopeReport(status: CredentialsStatus, report: { missing: string[]; note?: string }): CredentialsStatus {
  const note = report.missing.length
    ? `This client lacks ${report.missing.length === 1 ? 'a scope' : 'scopes'} needed to trigger on this repository: ${report.missing.join(', ')}.`
    : report.note;
  return { ...status, missingScopes: report.missing, ...(note ? { note } : {}) };
}

export async function signInWithPastedClient(clientId: string, accessToken: string): Promise<CredentialsStatus> {
  const report = await checkClient({ clientId, accessToken });
  return withScopeReport(await saveCredentials({ clientId, accessToken, source: 'pasted' }), report);
}

const treeherderLoginReply = z.union([
  z.object({ clientId: clientIdSchema, accessToken: z.string().min(1), expires: z.string() }),
  z.object({ problem: z.string() }),
]);

/**
 * Route (a): with the user's consent (the options page button), ask the content script on an open
 * Treeherder tab to read Treeherder's stored Taskcluster login once and hand it over.
 */
export async function importTreeherderLogin(): Promise<CredentialsStatus> {
  const tab = await treeherderTabAtHand();
  if (!tab)
    throw new Error('Open Treeherder (the jobs view) in a tab and sign in there, then press this button again.');
  const { repo } = tab;
  const { urls } = await servicesForRepo(repo);
  const reply = treeherderLoginReply.safeParse(
    await browser.tabs.sendMessage(tab.tabId, { citReadTreeherderLogin: { rootUrl: urls.taskclusterRootUrl } }),
  );
  if (!reply.success) throw new Error('The Treeherder tab did not answer; reload it and try again.');
  if ('problem' in reply.data) throw new Error(reply.data.problem);
  const login: TreeherderLogin = reply.data;
  if (credentialsExpired(login, Date.now())) {
    throw new Error(
      `Your Treeherder login expired on ${new Date(login.expires).toLocaleString()}. Sign in to Treeherder again, then retry.`,
    );
  }
  const report = await checkClient(login);
  return withScopeReport(
    await saveCredentials({ ...login, source: 'treeherder', rootUrl: urls.taskclusterRootUrl }),
    report,
  );
}

/** Route (c): Taskcluster's OAuth2 third-party login through the browser's identity API. */
export async function signInWithOAuth(): Promise<CredentialsStatus> {
  const settings = await loadSettings();
  const { urls } = await servicesForRepo(await repositoryAtHand());
  const redirectUri = browser.identity.getRedirectURL();
  const state = crypto.randomUUID();
  const authorizeUrl = buildAuthorizeUrl(urls.taskclusterRootUrl, {
    clientId: settings.oauthClientId,
    redirectUri,
    state,
  });
  let redirect: string;
  try {
    redirect = await browser.identity.launchWebAuthFlow({ url: authorizeUrl, interactive: true });
  } catch (error) {
    throw new Error(
      `Taskcluster sign-in did not complete (${error instanceof Error ? error.message : String(error)}). Firefox CI must have registered this extension's redirect URI ${redirectUri} for client "${settings.oauthClientId}".`,
    );
  }
  const code = readAuthorizationCode(redirect, state);
  const creds = await exchangeCodeForCredentials((input, init) => fetch(input, init), urls.taskclusterRootUrl, {
    code,
    clientId: settings.oauthClientId,
    redirectUri,
  });
  const report = await checkClient(creds);
  return withScopeReport(
    await saveCredentials({ ...creds, source: 'oauth', rootUrl: urls.taskclusterRootUrl }),
    report,
  );
}
