// Where an ICWS operation is documented for people: the public help site has one page per path.

const DOCS_ROOT = 'https://help.genesys.com/developer/cic/docs/icws/webhelp/';

/**
 * The public ICWS documentation page of an operation: one page per path template, all methods on
 * it, `{name}` written `(name)`. Only templates of the ICWS API have one.
 */
export function documentationUrl(template: string): string | undefined {
  if (!/^\/icws(\/(\{\w+\}|[\w-]+))+$/.test(template)) return undefined;
  return `${DOCS_ROOT}${template.slice(1).replace(/\{(\w+)\}/g, '($1)')}/index.htm`;
}
