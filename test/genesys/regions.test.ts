import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors';
import { regionDomains, resolveHosts } from '../../src/genesys/regions';

describe('resolveHosts', () => {
  it('knows all 18 Genesys Cloud regions', () => {
    expect(Object.keys(regionDomains)).toHaveLength(18);
  });

  it.each([
    ['eu_west_1', 'mypurecloud.ie'],
    ['eu-west-1', 'mypurecloud.ie'],
    ['mypurecloud.ie', 'mypurecloud.ie'],
    ['us_east_1', 'mypurecloud.com'],
    ['euw2.pure.cloud', 'euw2.pure.cloud'],
    ['eusc_de_east_1', 'edee1.eusc-pure.cloud'],
    ['us_east_2', 'use2.us-gov-pure.cloud'],
    [' AP_SOUTHEAST_2 ', 'mypurecloud.com.au'],
  ])('takes both hosts from %s', (region, domain) => {
    expect(resolveHosts({ region })).toEqual({
      loginBaseUrl: `https://login.${domain}`,
      apiBaseUrl: `https://api.${domain}`,
    });
  });

  it('lets an explicit base URL win over the region', () => {
    const hosts = resolveHosts({
      region: 'eu_west_1',
      apiBaseUrl: 'https://api.example.test/',
    });

    expect(hosts).toEqual({
      loginBaseUrl: 'https://login.mypurecloud.ie',
      apiBaseUrl: 'https://api.example.test',
    });
  });

  it('accepts a region it does not know when both base URLs are set', () => {
    const hosts = resolveHosts({
      region: 'xx_new_1',
      apiBaseUrl: 'https://api.xxn1.pure.cloud',
      loginBaseUrl: 'https://login.xxn1.pure.cloud',
    });

    expect(hosts.loginBaseUrl).toBe('https://login.xxn1.pure.cloud');
  });

  it('needs no region when both base URLs are set', () => {
    const hosts = resolveHosts({
      apiBaseUrl: 'http://127.0.0.1:4001',
      loginBaseUrl: 'http://127.0.0.1:4001',
    });

    expect(hosts.apiBaseUrl).toBe('http://127.0.0.1:4001');
  });

  it.each([
    [
      { region: 'mars_north_1' },
      'secret key region is not a Genesys Cloud region',
    ],
    [
      { region: 'api.mypurecloud.ie' },
      'secret key region is not a Genesys Cloud region',
    ],
    [{}, 'secret key region is required'],
    [
      { region: 'eu_west_1', apiBaseUrl: 'http://api.example.test' },
      'secret key apiBaseUrl must use https',
    ],
    [
      { region: 'eu_west_1', loginBaseUrl: 'ftp://x' },
      'secret key loginBaseUrl must use https',
    ],
  ])('rejects %j with a configuration error', (settings, message) => {
    expect(() => resolveHosts(settings)).toThrow(ConfigurationError);
    expect(() => resolveHosts(settings)).toThrow(message);
  });
});
