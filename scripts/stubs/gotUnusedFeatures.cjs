// Stands in for got's optional parts the extension never turns on: HTTP/2 (`http2-wrapper`), the
// response cache (`cacheable-request`, with `keyv` and `http-cache-semantics`) and the DNS cache
// (`cacheable-lookup`). got imports them at the top of its modules; bundling them would add ~55 KB
// to every bundle for code that cannot run. Using one of those options fails loudly here.
'use strict';
function unavailable(feature) {
  throw new Error(`got's ${feature} is not bundled with ICWS Interactions (the client never turns it on)`);
}
class CacheableRequest {
  constructor() {
    unavailable('response cache');
  }
}
class CacheError extends Error {}
class CacheableLookup {
  constructor() {
    unavailable('DNS cache');
  }
}
const http2wrapper = {
  get auto() {
    return unavailable('HTTP/2');
  },
  get globalAgent() {
    return unavailable('HTTP/2');
  },
};
module.exports = { CacheableRequest, CacheError, CacheableLookup, http2wrapper };
