/**
 * The AWS side of the extension for the current connection settings: SDK clients (created on first use,
 * replaced when the settings change) and the resource catalogue over them. Loads the AWS SDK lazily.
 */
import { AwsResourceCatalog, type ResourceCatalog } from './catalog';
import type { AwsClients, ClientFactory, ClientFactoryOptions } from './clients';
import type { ConnectionSettings } from './connection';
import { loadBackend } from './loadBackend';
import { ServerClock } from './serverClock';

export class AwsSession {
  private factory: Promise<ClientFactory> | undefined;
  private disposed = false;
  readonly catalog: ResourceCatalog;
  /** The service's time, from the responses' `Date` headers: what metric windows are measured against. */
  readonly clock = new ServerClock();

  constructor(
    private readonly settings: () => ConnectionSettings,
    private readonly options: ClientFactoryOptions = {},
  ) {
    this.catalog = new AwsResourceCatalog(() => this.clients(), () => this.clock.now());
  }

  async clients(): Promise<AwsClients> {
    this.factory ??= loadBackend().then((m) => new m.ClientFactory({ clock: this.clock, ...this.options }));
    const factory = await this.factory;
    if (this.disposed) {
      throw Object.assign(new Error('The extension is shutting down.'), { name: 'AbortError' });
    }
    return factory.get(this.settings());
  }

  /** The region the clients use: the setting, else the profile's, else the environment's. */
  async region(): Promise<string> {
    return (await this.clients()).region();
  }

  dispose(): void {
    this.disposed = true;
    void this.factory?.then((f) => f.destroy());
  }
}
