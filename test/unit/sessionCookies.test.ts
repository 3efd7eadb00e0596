import { strict as assert } from 'node:assert';
import { SessionCookies } from '../../src/icws';

describe('SessionCookies', () => {
  it('keeps the name=value of a Set-Cookie (the ICWS session cookie shape), whatever its Path', () => {
    const jar = new SessionCookies();
    jar.store('icws_40123001=6f1c2f0e-6d0b-4d7e-9a55-0c2b7e2b9a11|languageId=en-us; Path=/icws/40123001; HttpOnly');
    assert.equal(jar.header(), 'icws_40123001=6f1c2f0e-6d0b-4d7e-9a55-0c2b7e2b9a11|languageId=en-us');
  });

  it('replaces a cookie of the same name, and drops an expired one', () => {
    const jar = new SessionCookies();
    jar.store('a=1; Path=/');
    jar.store('b=2');
    jar.store('a=3');
    assert.equal(jar.header(), 'a=3; b=2');
    jar.store('b=gone; Max-Age=0');
    assert.equal(jar.header(), 'a=3');
  });
});
