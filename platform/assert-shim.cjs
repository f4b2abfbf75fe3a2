// Browser stand-in for Node's `assert`, which taskcluster-lib-scopes requires (CommonJS, called as
// `assert(condition, message)`). The build aliases `assert` to this file.
module.exports = function assert(condition, message) {
  if (!condition) throw new Error(message || 'Assertion failed');
};
