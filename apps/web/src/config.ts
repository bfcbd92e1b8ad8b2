/** Runtime settings served by the web server as /config.json, so one build runs anywhere. */
export interface WebConfig {
  apiUrl: string;
}

let loaded: WebConfig | undefined;

export async function loadWebConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const body = (await response.json()) as Partial<WebConfig>;
  if (!body.apiUrl) throw new Error('config.json has no apiUrl');
  loaded = { apiUrl: body.apiUrl.replace(/\/$/, '') };
  return loaded;
}

export function webConfig(): WebConfig {
  if (!loaded) throw new Error('web config not loaded yet');
  return loaded;
}
