/**
 * The text of a `.gz` file. Firefox CI's decision task writes some artifacts gzip-compressed
 * (`tests-by-manifest.json.gz`, `manifests-by-task.json.gz`: gecko `decision.py` `write_artifact`), served as
 * the file itself (no `Content-Encoding`), so the browser does not decompress them; Treeherder decompresses them
 * itself (mozilla/treeherder `ui/job-view/pushes/Push.jsx`). A body without the gzip magic bytes was already
 * decoded on the way (a transport `Content-Encoding: gzip`) and is read as it is.
 */
export async function gunzipText(bytes: ArrayBuffer): Promise<string> {
  const view = new Uint8Array(bytes);
  if (view[0] !== 0x1f || view[1] !== 0x8b) return new TextDecoder().decode(view);
  const stream = new Blob([view]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
