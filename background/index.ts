import '../src/zod-setup';
import { browser, type Runtime } from '../platform/browser';
import { createRouter, isExtensionPageSender } from '../src/messaging/router';
import { isEnvelope } from '../src/messaging/define';
import { protocol } from '../src/protocol';
import { handlers } from './handlers';

// Listeners are registered synchronously at top level so a worker woken by a message can answer it.
const dispatch = createRouter(protocol, handlers);
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message)) return undefined; // not ours: let other listeners answer
  return dispatch(message, {
    fromExtensionPage: isExtensionPageSender(sender, browser.runtime.id, extensionOrigin),
    ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}),
    ...(sender.url ? { url: sender.url } : {}),
  });
});
