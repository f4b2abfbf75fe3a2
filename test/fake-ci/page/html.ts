/** The HTML shell of the fake jobs view; the script builds `#push-list` like Treeherder's React app does. */
export function pageHtml(o: { scenario: string; pollIntervalMs: number; defaultRepo: string }): string {
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Treeherder</title>
<link rel="stylesheet" href="/fake-page/styles.css">
</head>
<body>
<div id="root" data-fake-ci="${attr(o.scenario)}" data-poll-interval="${o.pollIntervalMs}" data-default-repo="${attr(o.defaultRepo)}">
<div id="global-container" class="height-minus-navbars">
<nav id="th-global-navbar" class="navbar navbar-dark"><div id="th-global-navbar-top"><button type="button" id="th-logo" class="navbar-brand">Treeherder</button><span id="repo-name" class="nav-repo"></span><span class="nav-fake">fake CI · ${attr(o.scenario)}</span><span id="poll-status" class="nav-fake"></span></div></nav>
<div id="th-global-content" class="th-global-content" data-testid="global-content"><span class="th-view-content"></span></div>
<div id="details-panel" class="details-panel-slide"></div>
</div>
</div>
<script defer src="/fake-page/app.js"></script>
</body>
</html>
`;
}
