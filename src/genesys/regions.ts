import { ConfigurationError } from '../errors';
import { checkServiceUrl } from '../net/urls';

/** Genesys Cloud region codes and the environment domain of each. */
export const regionDomains: Readonly<Record<string, string>> = Object.freeze({
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
});

const knownDomains = new Set(Object.values(regionDomains));

export interface GenesysHosts {
  /** Where tokens come from: `https://login.<environment>`. */
  loginBaseUrl: string;
  /** Where the Platform API answers: `https://api.<environment>`. */
  apiBaseUrl: string;
}

export interface HostSettings {
  region?: string | undefined;
  loginBaseUrl?: string | undefined;
  apiBaseUrl?: string | undefined;
}

/**
 * Both hosts from one region setting, a region code (`eu_west_1`, also
 * `eu-west-1`) or an environment (`mypurecloud.ie`); an explicit base URL
 * wins over the region for its host, and with both set the region is not
 * looked up, so a region newer than this table works too.
 */
export function resolveHosts(settings: HostSettings): GenesysHosts {
  const overridden = settings.loginBaseUrl && settings.apiBaseUrl;
  const domain =
    settings.region && !overridden ? findDomain(settings.region) : null;
  const login = settings.loginBaseUrl ?? (domain && `https://login.${domain}`);
  const api = settings.apiBaseUrl ?? (domain && `https://api.${domain}`);

  if (!login || !api) {
    throw new ConfigurationError(
      'secret key region is required unless apiBaseUrl and loginBaseUrl ' +
        'are both set',
    );
  }
  return {
    loginBaseUrl: checkBaseUrl(login, 'loginBaseUrl'),
    apiBaseUrl: checkBaseUrl(api, 'apiBaseUrl'),
  };
}

function findDomain(region: string): string {
  const setting = region.trim().toLowerCase();
  const domain =
    regionDomains[setting.replaceAll('-', '_')] ??
    (knownDomains.has(setting) ? setting : undefined);

  if (!domain) {
    throw new ConfigurationError(
      'secret key region is not a Genesys Cloud region code (like ' +
        'eu_west_1) or environment (like mypurecloud.ie)',
    );
  }
  return domain;
}

function checkBaseUrl(url: string, key: string): string {
  const problem = checkServiceUrl(url);
  if (problem) throw new ConfigurationError(`secret key ${key} ${problem}`);
  return url.replace(/\/+$/, '');
}
